package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.ServerFixture.join;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.chat.RequestRate;
import org.parley.server.store.SqliteStore;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/** Rooms, private messages, presence, history and identity, over real loopback connections. */
class ChatFlowTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    private static String text(ChatEvent.RoomMessage message) {
        return new String(message.message().body().toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void roomMessageReachesEveryMemberAndIsAcknowledgedBeforeTheEcho() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        TestClient carol = fixture.registered("张伟");
        for (TestClient c : List.of(alice, bob, carol)) {
            join(c, "lobby");
        }
        long id = alice.say("lobby", "你好, world 🎉");

        for (TestClient c : List.of(alice, bob, carol)) {
            ChatEvent.RoomMessage got = c.awaitEvent(ChatEvent.RoomMessage.class, m -> !m.history());
            assertThat(text(got)).isEqualTo("你好, world 🎉");
            assertThat(got.message().from()).isEqualTo("alice");
            assertThat(got.room()).isEqualTo("Lobby");
        }
        List<ChatEvent> mine = alice.events();
        int accepted = mine.indexOf(alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == id));
        int echo = mine.indexOf(alice.awaitEvent(ChatEvent.RoomMessage.class, m -> !m.history()));
        assertThat(accepted).isLessThan(echo);
    }

    @Test
    void chineseUserCanWriteAndIsShownByItsName() throws Exception {
        TestClient zhang = fixture.registered("张伟");
        TestClient bob = fixture.registered("bob");
        join(zhang, "lobby");
        join(bob, "lobby");
        zhang.say("lobby", "大家好");

        ChatEvent.RoomMessage got = bob.awaitEvent(ChatEvent.RoomMessage.class, m -> !m.history());
        assertThat(got.message().from()).isEqualTo("张伟");
        assertThat(text(got)).isEqualTo("大家好");
    }

    @Test
    void aPlaintextPrivateMessageIsRefusedAndReachesNobody() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        long refused = alice.request(id -> new ChatRequest.SendPrivateMessage(id, "bob", ContentType.TEXT, Bytes.utf8("secret")));

        ChatEvent.Rejected rejected = alice.awaitEvent(ChatEvent.Rejected.class, r -> r.requestId() == refused);
        // Bob's ping is answered after anything the server queued for him before it.
        long ping = bob.request(ChatRequest.Ping::new);
        bob.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == ping);

        assertThat(rejected.code()).isEqualTo(ErrorCode.NOT_PERMITTED);
        assertThat(rejected.detail()).contains("end-to-end").contains("SendEnvelopes");
        assertThat(bob.events(ChatEvent.PrivateMessage.class)).isEmpty();
    }

    @Test
    void senderIsTheAuthenticatedAccountWhateverSpellingWasUsedToLogIn() throws Exception {
        fixture.registered("Alice").close();
        TestClient alice = fixture.connect();
        assertThat(alice.login("ALICE", ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        TestClient bob = fixture.registered("bob");
        join(alice, "lobby");
        join(bob, "lobby");
        alice.say("lobby", "hi");

        ChatEvent.RoomMessage got = bob.awaitEvent(ChatEvent.RoomMessage.class, m -> !m.history());
        assertThat(got.message().from()).isEqualTo("Alice");
        long page = bob.request(id -> new ChatRequest.FetchHistory(id, new Conversation.InRoom("lobby"), 0, 10));
        ChatEvent.HistoryPage history = bob.awaitEvent(ChatEvent.HistoryPage.class, h -> h.requestId() == page);
        assertThat(history.messages()).extracting(m -> m.from()).containsExactly("Alice");
    }

    @Test
    void plaintextPrivateHistoryStoredBeforeEndToEndStaysReadable() throws Exception {
        fixture.registered("dave").close();
        TestClient alice = fixture.registered("alice");
        try (SqliteStore earlier = SqliteStore.open(fixture.dataDirectory().resolve("parley.db"))) {
            earlier.appendPrivateMessage("alice", "dave", ContentType.TEXT, Bytes.utf8("from before"), 1_000L);
        }

        long page = alice.request(id -> new ChatRequest.FetchHistory(id, new Conversation.WithUser("dave"), 0, 10));
        ChatEvent.HistoryPage history = alice.awaitEvent(ChatEvent.HistoryPage.class, h -> h.requestId() == page);

        assertThat(history.messages()).extracting(m -> new String(m.body().toByteArray(), StandardCharsets.UTF_8))
                .containsExactly("from before");
    }

    @Test
    void historySurvivesARestartAndIsReplayedOldestFirstOnJoin() throws Exception {
        TestClient alice = fixture.registered("alice");
        join(alice, "lobby");
        for (String word : List.of("one", "two", "three")) {
            long id = alice.say("lobby", word);
            alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == id);
        }
        fixture.restart();

        TestClient again = fixture.connect();
        assertThat(again.login("alice", ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        join(again, "lobby");
        again.awaitEvent(ChatEvent.RoomMessage.class, m -> text(m).equals("three"));
        assertThat(again.events(ChatEvent.RoomMessage.class)).allMatch(ChatEvent.RoomMessage::history)
                .extracting(ChatFlowTest::text).containsExactly("one", "two", "three");
    }

    @Test
    void presenceAnnouncesOnlineAndOfflineWithCounts() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        ChatEvent.Presence online = alice.awaitEvent(ChatEvent.Presence.class,
                p -> p.user().equals("bob") && p.change() == PresenceChange.ONLINE);
        assertThat(online.onlineCount()).isEqualTo(2);
        bob.close();
        ChatEvent.Presence offline = alice.awaitEvent(ChatEvent.Presence.class,
                p -> p.user().equals("bob") && p.change() == PresenceChange.OFFLINE);
        assertThat(offline.onlineCount()).isEqualTo(1);
    }

    @Test
    void privateRoomNeedsAnInvitationAndOwnerCanKick() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        long create = alice.request(id -> new ChatRequest.CreateRoom(id, "Secret Club", RoomVisibility.PRIVATE));
        alice.awaitEvent(ChatEvent.JoinedRoom.class, j -> j.requestId() == create);
        long refused = bob.request(id -> new ChatRequest.JoinRoom(id, "secret club"));
        assertThat(bob.awaitEvent(ChatEvent.Rejected.class, r -> r.requestId() == refused).code())
                .isEqualTo(ErrorCode.NO_SUCH_ROOM);

        alice.request(id -> new ChatRequest.Invite(id, "Secret Club", "bob"));
        bob.awaitEvent(ChatEvent.Invited.class, i -> i.room().equals("Secret Club"));
        join(bob, "secret club");
        long kick = alice.request(id -> new ChatRequest.Kick(id, "Secret Club", "bob", "bye"));
        alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == kick);

        ChatEvent.RemovedFromRoom removed = bob.awaitEvent(ChatEvent.RemovedFromRoom.class, r -> true);
        assertThat(removed.how()).isEqualTo(PresenceChange.KICKED);
        long write = bob.say("Secret Club", "still here?");
        // Kicked, the invitation used up: for bob the private room is now as if it did not exist.
        assertThat(bob.awaitEvent(ChatEvent.Rejected.class, r -> r.requestId() == write).code())
                .isEqualTo(ErrorCode.NO_SUCH_ROOM);
    }

    @Test
    void historyPagesStayWithinTheClientMessageLimitAndPageOnward() throws Exception {
        // 70 messages back to back are over the default message rate, which is not what this test is about.
        fixture.restartWith(ServerLimits.defaults().withChatRates(new RequestRate(100, 100),
                ServerLimits.DEFAULT_CHAT_READ_RATE));
        TestClient alice = fixture.registered("alice");
        join(alice, "lobby");
        String big = "h".repeat(16_000);
        for (int i = 0; i < 70; i++) {
            long id = alice.say("lobby", big);
            alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == id);
        }
        long before = 0;
        int pages = 0;
        int total = 0;
        boolean more = true;
        while (more && pages < 70) {
            long from = before;
            long id = alice.request(r -> new ChatRequest.FetchHistory(r, new Conversation.InRoom("lobby"), from, 200));
            ChatEvent.HistoryPage page = alice.awaitEvent(ChatEvent.HistoryPage.class, h -> h.requestId() == id);
            assertThat(page.messages()).isNotEmpty().hasSizeLessThan(70);
            total += page.messages().size();
            before = page.messages().getLast().id();
            more = page.more();
            pages++;
        }
        assertThat(total).isEqualTo(70);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void largestOpaqueBodyIsAccepted() throws Exception {
        TestClient alice = fixture.registered("alice");
        join(alice, "lobby");
        long id = alice.request(r -> new ChatRequest.SendRoomMessage(r, "lobby", ContentType.OPAQUE,
                Bytes.wrapOwned(new byte[org.parley.protocol.chat.ChatLimits.MAX_BODY_BYTES])));
        assertThat(alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == id).messageId()).isPositive();
    }
}
