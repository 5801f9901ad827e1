package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Backoff;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleySession;
import org.parley.client.SessionSettings;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.server.ParleyServer;

/**
 * Room messages sent once through a session (docs/PROTOCOL.md 14.5): a message whose answer was
 * lost with the connection is sent again after the reconnect and stored once; a message typed while
 * the session reconnects goes out when it is back. The connection runs through a proxy that holds
 * the server's bytes and cuts the connection, as a failing network would.
 */
class SendOnceEndToEndTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @TempDir
    Path data;

    private final ExecutorService ui = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("test-ui").factory());

    @AfterEach
    void stopUi() {
        ui.shutdownNow();
    }

    private ParleySession alice(PausingProxy proxy, SessionRecorder recorder) throws Exception {
        SessionSettings settings = new SessionSettings(
                ClientOptions.defaults("127.0.0.1", proxy.address().getPort(), new InMemoryPinStore(), fp -> true),
                FirstContactQuestion.answeredBy(fp -> true), ui, Optional.of(QUICK));
        ParleySession session = ParleySession.start(settings, recorder, "alice",
                c -> c.login("alice", "alice's password".toCharArray())).get(Chatters.seconds(), TimeUnit.SECONDS);
        session.join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);
        return session;
    }

    private static Chatter bobInTheLobby(Chatters chatters) throws Exception {
        chatters.register("alice", "alice's password").client().close();
        Chatter bob = chatters.register("bob", "bob's password");
        bob.client().join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);
        return bob;
    }

    /** How often {@code text} is in the lobby's stored history. */
    private static long storedTimes(Chatter reader, String text) throws Exception {
        ChatEvent.HistoryPage page = reader.client().history(new Conversation.InRoom("lobby"), 0, 200)
                .get(Chatters.seconds(), TimeUnit.SECONDS);
        return page.messages().stream().filter(m -> Texts.of(m).equals(text)).count();
    }

    @Test
    void aMessageWhoseAnswerWasLostWithTheConnectionIsStoredOnceAndItsSenderLearnsItsId() throws Exception {
        try (ParleyServer server = TestServer.start(data); PausingProxy proxy = new PausingProxy(server.address());
                Chatters chatters = new Chatters(server.address())) {
            Chatter bob = bobInTheLobby(chatters);
            SessionRecorder recorder = new SessionRecorder();
            try (ParleySession session = alice(proxy, recorder)) {
                proxy.pause(); // the server's answers are held from now on

                CompletableFuture<Long> sent = session.sendRoomText("lobby", "exactly once");
                await().atMost(TestServer.timeout()).until(() -> bob.listener().roomTexts(false).contains("exactly once"));
                proxy.cut(true); // stored and delivered; its answer never reaches alice
                proxy.resume();

                long id = sent.get(Chatters.seconds(), TimeUnit.SECONDS);
                session.sendRoomText("lobby", "and then this").get(Chatters.seconds(), TimeUnit.SECONDS);
                await().atMost(TestServer.timeout()).until(() -> bob.listener().roomTexts(false).contains("and then this"));

                assertThat(recorder.lifecycle()).containsExactly("lost", "reconnected");
                assertThat(Collections.frequency(bob.listener().roomTexts(false), "exactly once")).isEqualTo(1);
                assertThat(storedTimes(bob, "exactly once")).isEqualTo(1);
                assertThat(bob.listener().eventsOf(ChatEvent.RoomMessage.class).stream()
                        .filter(m -> Texts.of(m.message()).equals("exactly once")).map(m -> m.message().id()).toList())
                        .containsExactly(id);
            }
        }
    }

    @Test
    void aMessageTypedWhileTheSessionReconnectsGoesOutOnceWhenItIsBack() throws Exception {
        try (ParleyServer server = TestServer.start(data); PausingProxy proxy = new PausingProxy(server.address());
                Chatters chatters = new Chatters(server.address())) {
            Chatter bob = bobInTheLobby(chatters);
            SessionRecorder recorder = new SessionRecorder();
            try (ParleySession session = alice(proxy, recorder)) {
                proxy.pause();
                proxy.cut(false);
                await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("lost"));

                CompletableFuture<Long> sent = session.sendRoomText("lobby", "typed while away");
                proxy.resume();

                long id = sent.get(Chatters.seconds(), TimeUnit.SECONDS);
                assertThat(id).isPositive();
                await().atMost(TestServer.timeout()).until(() -> bob.listener().roomTexts(false).contains("typed while away"));
                assertThat(storedTimes(bob, "typed while away")).isEqualTo(1);
                assertThat(recorder.lifecycle()).containsExactly("lost", "reconnected");
            }
        }
    }
}
