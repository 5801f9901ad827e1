package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.RequestFailedException;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PresenceChange;
import org.parley.server.ParleyServer;

/** Three real clients against a real server over loopback: rooms, private messages, presence, Chinese text. */
class ChatEndToEndTest {
    @TempDir
    Path data;

    private ParleyServer server;
    private Chatters chatters;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(data);
        chatters = new Chatters(server.address());
    }

    @AfterEach
    void stopServer() {
        chatters.close();
        server.close();
    }

    /** Registers each user on a throwaway connection, then logs in with SCRAM on a fresh one and joins the lobby. */
    private Chatter loggedInInLobby(String user) throws Exception {
        chatters.register(user, "password of " + user).client().close();
        Chatter chatter = chatters.login(user, "password of " + user);
        ChatEvent.JoinedRoom joined = chatter.client().join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);
        assertThat(joined.room().name()).isEqualToIgnoringCase("lobby");
        return chatter;
    }

    @Test
    void roomMessagesReachEveryMemberIncludingTheSendersOwnEcho() throws Exception {
        Chatter alice = loggedInInLobby("alice");
        Chatter bob = loggedInInLobby("bob");
        Chatter carol = loggedInInLobby("carol");

        long id = alice.client().sendRoom("lobby", "hello from alice").get(Chatters.seconds(), TimeUnit.SECONDS);
        bob.client().sendRoom("lobby", "hello from bob").get(Chatters.seconds(), TimeUnit.SECONDS);

        assertThat(alice.name()).isEqualTo("alice");
        for (Chatter chatter : List.of(alice, bob, carol)) {
            await().atMost(TestServer.timeout()).untilAsserted(() -> assertThat(chatter.listener().roomTexts(false))
                    .containsSubsequence("hello from alice", "hello from bob"));
        }
        ChatEvent.RoomMessage echo = alice.listener().eventsOf(ChatEvent.RoomMessage.class).stream()
                .filter(m -> Texts.of(m.message()).equals("hello from alice")).findFirst().orElseThrow();
        assertThat(echo.message().id()).isEqualTo(id);
        assertThat(echo.message().from()).isEqualTo("alice");
        assertThat(echo.history()).isFalse();
    }

    @Test
    void aPlaintextPrivateMessageIsRefusedAndReachesNobody() throws Exception {
        Chatter alice = loggedInInLobby("alice");
        Chatter bob = loggedInInLobby("bob");

        @SuppressWarnings("removal")
        var refused = alice.client().sendPrivate("bob", "only for bob");
        alice.client().sendRoom("lobby", "barrier after the private message").get(Chatters.seconds(), TimeUnit.SECONDS);

        assertThatThrownBy(() -> refused.get(Chatters.seconds(), TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(RequestFailedException.class,
                        failure -> assertThat(failure.code()).isEqualTo(ErrorCode.NOT_PERMITTED));
        await().atMost(TestServer.timeout()).until(() -> bob.listener().roomTexts(false)
                .contains("barrier after the private message"));
        assertThat(bob.listener().eventsOf(ChatEvent.PrivateMessage.class)).isEmpty();
    }

    @Test
    void presenceReportsOnlineOfflineJoinAndLeaveWithCounts() throws Exception {
        Chatter alice = loggedInInLobby("alice");
        chatters.register("bob", "password of bob").client().close();
        await().atMost(TestServer.timeout()).untilAsserted(() -> assertThat(presence(alice, "", "bob")).contains(
                PresenceChange.OFFLINE));
        int before = presence(alice, "", "bob").size();

        Chatter bob = chatters.login("bob", "password of bob");
        bob.client().leave("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);
        bob.client().join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);
        bob.client().close();

        await().atMost(TestServer.timeout()).untilAsserted(() -> {
            assertThat(presence(alice, "", "bob").subList(before, presence(alice, "", "bob").size()))
                    .containsExactly(PresenceChange.ONLINE, PresenceChange.OFFLINE);
            assertThat(presence(alice, "lobby", "bob")).containsSubsequence(PresenceChange.LEFT, PresenceChange.JOINED);
        });
        List<ChatEvent.Presence> seen = alice.listener().eventsOf(ChatEvent.Presence.class);
        assertThat(seen.stream().filter(p -> p.user().equals("bob") && p.change() == PresenceChange.ONLINE)
                .map(ChatEvent.Presence::onlineCount)).last().isEqualTo(2);
        assertThat(seen.stream().filter(p -> p.user().equals("bob") && p.change() == PresenceChange.OFFLINE)
                .map(ChatEvent.Presence::onlineCount)).last().isEqualTo(1);
        assertThat(seen.stream().filter(p -> p.user().equals("bob") && p.change() == PresenceChange.JOINED)
                .map(ChatEvent.Presence::onlineCount)).last().isEqualTo(2);
        assertThat(seen.stream().filter(p -> p.user().equals("bob") && p.change() == PresenceChange.LEFT)
                .map(ChatEvent.Presence::onlineCount)).last().isEqualTo(1);
    }

    @Test
    void theOnlineListNamesEveryLoggedInUser() throws Exception {
        Chatter alice = loggedInInLobby("alice");
        loggedInInLobby("bob");

        ChatEvent.MemberList online = alice.client().members(Optional.empty()).get(Chatters.seconds(), TimeUnit.SECONDS);

        assertThat(online.members()).extracting(m -> m.user()).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void chineseNamesAndTextRoundTripUnchanged() throws Exception {
        Chatter zhang = loggedInInLobby("张伟");
        Chatter bob = loggedInInLobby("bob");

        zhang.client().sendRoom("lobby", "你好，世界 🌏").get(Chatters.seconds(), TimeUnit.SECONDS);

        await().atMost(TestServer.timeout()).untilAsserted(() -> assertThat(bob.listener().roomTexts(false))
                .contains("你好，世界 🌏"));
        ChatEvent.RoomMessage message = bob.listener().eventsOf(ChatEvent.RoomMessage.class).getLast();
        assertThat(message.message().from()).isEqualTo("张伟");
        assertThat(zhang.name()).isEqualTo("张伟");
    }

    private static List<PresenceChange> presence(Chatter observer, String room, String user) {
        return observer.listener().eventsOf(ChatEvent.Presence.class).stream()
                .filter(p -> p.room().equalsIgnoreCase(room) && p.user().equals(user))
                .map(ChatEvent.Presence::change).toList();
    }
}
