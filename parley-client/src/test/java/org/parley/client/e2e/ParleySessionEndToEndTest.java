package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Backoff;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.KnownServersFile;
import org.parley.client.LoginFailedException;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.client.ServerKeyChangedException;
import org.parley.client.SessionSettings;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.server.ParleyServer;

/** The one session object both clients use, against a real server. */
class ParleySessionEndToEndTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @TempDir
    Path data;

    private final ExecutorService ui = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("test-ui").factory());

    @AfterEach
    void stopUi() {
        ui.shutdownNow();
    }

    @Test
    void reconnectsWithTheSessionKeyRejoinsAndReportsEverythingOnTheCallersExecutor() throws Exception {
        ParleyServer first = TestServer.start(data);
        int port = first.address().getPort();
        try (Chatters chatters = new Chatters(first.address())) {
            chatters.register("alice", "alice's password").client().close();
        }
        SessionRecorder recorder = new SessionRecorder();
        char[] password = "alice's password".toCharArray();
        SessionSettings settings = new SessionSettings(options(port), FirstContactQuestion.answeredBy(fp -> true), ui,
                Optional.of(QUICK));
        ParleyServer second = null;
        try (ParleySession session = ParleySession.start(settings, recorder, "alice", c -> c.login("alice", password))
                .get(Chatters.seconds(), TimeUnit.SECONDS)) {
            session.join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);

            first.close();
            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("lost"));
            second = TestServer.start(data, port);
            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("reconnected"));
            long id = session.call(client -> client.sendRoom("lobby", "back again")).get(Chatters.seconds(), TimeUnit.SECONDS);

            assertThat(id).isPositive();
            assertThat(password).containsOnly('\0');
            assertThat(recorder.rejoined()).containsExactly(java.util.List.of("Lobby"));
            await().atMost(TestServer.timeout()).until(() -> recorder.liveRoomTexts().contains("back again"));
            assertThat(recorder.lifecycle()).containsExactly("lost", "reconnected");
            assertThat(recorder.threads()).containsOnly("test-ui");
        } finally {
            if (second != null) {
                second.close();
            }
        }
        await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("closed"));
        assertThat(recorder.calls().getLast()).isEqualTo("closed");
    }

    @Test
    void aReconnectRefusedForAChangedServerKeyEndsTheSessionWithThatTypedCause() throws Exception {
        ParleyServer first = TestServer.start(data.resolve("first"));
        int port = first.address().getPort();
        try (Chatters chatters = new Chatters(first.address())) {
            chatters.register("gus", "gus's password").client().close();
        }
        SessionRecorder recorder = new SessionRecorder();
        SessionSettings settings = new SessionSettings(options(port), FirstContactQuestion.answeredBy(fp -> true), ui,
                Optional.of(QUICK));
        ParleySession session = ParleySession.start(settings, recorder, "gus", c -> c.login("gus", "gus's password".toCharArray()))
                .get(Chatters.seconds(), TimeUnit.SECONDS);
        ParleyServer impostor = null;
        try {
            first.close();
            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("lost"));
            impostor = TestServer.start(data.resolve("impostor"), port);

            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("closed"));
            assertThat(recorder.lifecycle()).containsExactly("lost", "closed");
            assertThat(recorder.closedCauses()).singleElement()
                    .satisfies(cause -> assertThat(cause).get().isInstanceOfSatisfying(ServerKeyChangedException.class,
                            changed -> assertThat(changed.server()).isEqualTo("127.0.0.1:" + port)));
        } finally {
            session.close();
            if (impostor != null) {
                impostor.close();
            }
        }
    }

    @Test
    void withoutReconnectTheSessionEndsWithItsConnectionAndSaysSoLast() throws Exception {
        ParleyServer server = TestServer.start(data);
        try (Chatters chatters = new Chatters(server.address())) {
            chatters.register("bob", "bob's password").client().close();
        }
        SessionRecorder recorder = new SessionRecorder();
        SessionSettings settings = new SessionSettings(options(server.address().getPort()),
                FirstContactQuestion.answeredBy(fp -> true), ui, Optional.empty());
        ParleySession session = ParleySession.start(settings, recorder, "bob", c -> c.login("bob", "bob's password".toCharArray()))
                .get(Chatters.seconds(), TimeUnit.SECONDS);
        session.join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);

        server.close();

        await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("closed"));
        assertThat(recorder.lifecycle()).containsExactly("closed");
        assertThat(recorder.calls().getLast()).isEqualTo("closed");
        assertThat(session.reconnects()).isFalse();
        assertThat(recorder.closedCauses()).containsExactly(Optional.empty());
    }

    @Test
    void aSessionClosedWhileItReconnectsDoesNotComeBackOnlineAfterItsEnd() throws Exception {
        try (ParleyServer server = TestServer.start(data); PausingProxy proxy = new PausingProxy(server.address())) {
            try (Chatters chatters = new Chatters(server.address())) {
                chatters.register("dave", "dave's password").client().close();
            }
            SessionRecorder recorder = new SessionRecorder();
            SessionSettings settings = new SessionSettings(options(proxy.address().getPort()),
                    FirstContactQuestion.answeredBy(fp -> true), ui, Optional.of(QUICK));
            ParleySession session = ParleySession.start(settings, recorder, "dave", c -> c.login("dave", "dave's password".toCharArray()))
                    .get(Chatters.seconds(), TimeUnit.SECONDS);
            ParleyClient lost = session.client();

            proxy.pause();
            proxy.cut(false);
            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("lost"));
            // The reconnect's TCP connection is up; its handshake waits in the proxy.
            await().atMost(TestServer.timeout()).until(() -> proxy.connections() == 2);
            session.closeAsync("bye");
            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("closed"));
            proxy.resume();

            await().atMost(TestServer.timeout()).until(() -> session.client() != lost);
            await().atMost(TestServer.timeout()).until(() -> !session.client().isConnected());
            assertThat(recorder.lifecycle()).containsExactly("lost", "closed");
        }
    }

    @Test
    void aSessionClosedWhileItsReconnectIsOnTheWayRemovesItsSessionKeyFromTheAccount() throws Exception {
        try (ParleyServer server = TestServer.start(data); PausingProxy proxy = new PausingProxy(server.address());
                Chatters chatters = new Chatters(server.address())) {
            Chatter erin = chatters.register("erin", "erin's password");
            SessionRecorder recorder = new SessionRecorder();
            SessionSettings settings = new SessionSettings(options(proxy.address().getPort()),
                    FirstContactQuestion.answeredBy(fp -> true), ui, Optional.of(QUICK));
            ParleySession session = ParleySession.start(settings, recorder, "erin", c -> c.login("erin", "erin's password".toCharArray()))
                    .get(Chatters.seconds(), TimeUnit.SECONDS);
            RegisteredPublicKey sessionKey = session.sessionKey().orElseThrow();
            assertThat(erin.client().loginKeys().get(Chatters.seconds(), TimeUnit.SECONDS)).contains(sessionKey);

            proxy.pause();
            proxy.cut(false);
            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("lost"));
            await().atMost(TestServer.timeout()).until(() -> proxy.connections() == 2);
            session.closeAsync("bye");
            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("closed"));
            proxy.resume();

            await().atMost(TestServer.timeout()).untilAsserted(() -> assertThat(erin.client().loginKeys()
                    .get(Chatters.seconds(), TimeUnit.SECONDS)).doesNotContain(sessionKey));
            assertThat(recorder.lifecycle()).containsExactly("lost", "closed");
        }
    }

    @Test
    void aSessionClosedWhileItWaitsToReconnectRemovesItsSessionKeyFromTheAccount() throws Exception {
        try (ParleyServer server = TestServer.start(data); PausingProxy proxy = new PausingProxy(server.address());
                Chatters chatters = new Chatters(server.address())) {
            Chatter fay = chatters.register("fay", "fay's password");
            SessionRecorder recorder = new SessionRecorder();
            Backoff slow = new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(5));
            SessionSettings settings = new SessionSettings(options(proxy.address().getPort()),
                    FirstContactQuestion.answeredBy(fp -> true), ui, Optional.of(slow));
            ParleySession session = ParleySession.start(settings, recorder, "fay", c -> c.login("fay", "fay's password".toCharArray()))
                    .get(Chatters.seconds(), TimeUnit.SECONDS);
            RegisteredPublicKey sessionKey = session.sessionKey().orElseThrow();

            proxy.cut(false);
            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("lost"));
            session.closeAsync("bye").get(Chatters.seconds(), TimeUnit.SECONDS);
            await().atMost(TestServer.timeout()).until(() -> recorder.lifecycle().contains("closed"));

            assertThat(recorder.lifecycle()).containsExactly("lost", "closed");
            assertThat(fay.client().loginKeys().get(Chatters.seconds(), TimeUnit.SECONDS)).doesNotContain(sessionKey);
        }
    }

    @Test
    void aRefusedFirstLoginFailsTheStartAndIsNotRetried() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            SessionSettings settings = new SessionSettings(options(server.address().getPort()),
                    FirstContactQuestion.answeredBy(fp -> true), ui, Optional.of(QUICK));

            CompletableFuture<ParleySession> started = ParleySession.start(settings, new SessionRecorder(), "nobody",
                    c -> c.login("nobody", "wrong".toCharArray()));

            assertThatThrownBy(() -> started.get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(LoginFailedException.class);
        }
    }

    @Test
    void aFirstContactTrustedAfterTheServersHandshakeDeadlineConnectsAgainTrustingExactlyThatKey() throws Exception {
        var known = new KnownServersFile(data.resolve("home/known_servers"));
        try (ParleyServer server = TestServer.startWithHandshakeTimeout(data.resolve("server"), Duration.ofMillis(300))) {
            ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), known, fp -> false);
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            AtomicReference<Integer> asked = new AtomicReference<>(0);
            FirstContactQuestion slowUser = (name, algorithm, offered) -> {
                asked.updateAndGet(n -> n + 1);
                return answer;
            };
            SessionSettings settings = new SessionSettings(options, slowUser, ui, Optional.empty());

            CompletableFuture<ParleySession> started = ParleySession.start(settings, new SessionRecorder(), "carol",
                    c -> c.register("carol", "carol's password".toCharArray(), Optional.empty()));
            await().atMost(TestServer.timeout()).until(() -> asked.get() == 1);
            // The server gives up on the paused handshake after 300 ms; the user answers later.
            await().pollDelay(Duration.ofMillis(600)).atMost(TestServer.timeout()).until(() -> true);
            answer.complete(true);

            try (ParleySession session = started.get(Chatters.seconds(), TimeUnit.SECONDS)) {
                assertThat(session.displayName()).isEqualTo("carol");
                assertThat(asked.get()).isEqualTo(1);
                assertThat(session.client().firstContact()).isTrue();
                assertThat(known.pinned(options.serverName())).contains(session.client().session().serverFingerprint());
            }
        }
    }

    private static ClientOptions options(int port) {
        return ClientOptions.defaults("127.0.0.1", port, new InMemoryPinStore(), fp -> true);
    }
}
