package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreSeed;

/**
 * The chat layer's cost bounds against a real store seen through a counting decorator: what a
 * request may not do any more (scan accounts and rooms, wait behind another room, run after its
 * session ended) and what a listing costs.
 */
class ChatServiceCostTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int FILLER_ACCOUNTS = 1_200;
    private static final int FILLER_ROOMS = 300;
    @TempDir
    Path directory;
    private SqliteStore store;
    private InstrumentedStore instrumented;
    private ChatService chat;
    private long sessionIds;
    private final MicrometerServerMetrics metrics = new MicrometerServerMetrics();

    @BeforeEach
    void seed() throws Exception {
        store = SqliteStore.open(directory.resolve("parley.db"));
        List<String> fillers = IntStream.range(0, FILLER_ACCOUNTS).mapToObj(i -> "user%04d".formatted(i)).toList();
        StoreSeed.accounts(store, fillers);
        StoreSeed.rooms(store, List.of("lobby"), RoomVisibility.PUBLIC, "");
        StoreSeed.members(store, "lobby", fillers);
        StoreSeed.rooms(store, IntStream.range(0, FILLER_ROOMS).mapToObj(i -> "room%03d".formatted(i)).toList(),
                RoomVisibility.PUBLIC, "user0000");
        for (String user : List.of("alice", "bob")) {
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
            store.putMember("lobby", user, org.parley.protocol.chat.Role.MEMBER);
        }
        StoreSeed.rooms(store, List.of("busy"), RoomVisibility.PUBLIC, "alice");
        StoreSeed.rooms(store, List.of("quiet"), RoomVisibility.PUBLIC, "bob");
        instrumented = new InstrumentedStore(store);
    }

    private void start(RequestRate readRate) throws StoreException {
        chat = TestChatService.open(store, instrumented.accounts(), instrumented.rooms(), instrumented.messages(), readRate,
                metrics, DeliveryBatch.direct());
    }

    @AfterEach
    void close() throws StoreException {
        instrumented.release();
        if (chat != null) {
            chat.close();
        }
        store.close();
    }

    private ChatSession login(String user, RecordingLink link) {
        ChatSession session = new ChatSession(++sessionIds, user, user, "127.0.0.1", link);
        chat.sessionStarted(session);
        return session;
    }

    private static ChatRequest say(long id, String room, String text) {
        return new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT, Bytes.utf8(text));
    }

    private List<String> storedTexts(String room) throws StoreException {
        return store.roomHistory(room, Long.MAX_VALUE, 100).stream().map(StoredMessage::body)
                .map(body -> new String(body.toByteArray(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aRequestStillQueuedWhenItsSessionEndsIsDroppedNotRun() throws Exception {
        start(new RequestRate(1000, 1000));
        RecordingLink aliceLink = new RecordingLink();
        RecordingLink bobLink = new RecordingLink();
        ChatSession alice = login("alice", aliceLink);
        ChatSession bob = login("bob", bobLink);
        instrumented.holdAppendsTo("lobby");

        // From a thread of its own, as from an event loop: on an idle lane it runs there, held.
        Thread.ofPlatform().start(() -> chat.handle(alice, say(1, "lobby", "first")));
        assertThat(instrumented.awaitHolding()).isTrue();
        chat.handle(alice, say(2, "lobby", "queued behind the first"));
        chat.sessionEnded(alice);
        instrumented.release();
        chat.handle(bob, say(3, "lobby", "after the disconnect"));
        await().atMost(WAIT).until(() -> bobLink.answered(3));

        assertThat(storedTexts("lobby")).containsExactly("after the disconnect", "first");
        assertThat(aliceLink.answered(2)).isFalse();
    }

    @Test
    void aRoomWhoseStoreWriteIsStuckDoesNotDelayAnotherRoom() throws Exception {
        start(new RequestRate(1000, 1000));
        RecordingLink aliceLink = new RecordingLink();
        RecordingLink bobLink = new RecordingLink();
        ChatSession alice = login("alice", aliceLink);
        ChatSession bob = login("bob", bobLink);
        instrumented.holdAppendsTo("busy");

        Thread.ofPlatform().start(() -> chat.handle(alice, say(1, "busy", "this write hangs")));
        assertThat(instrumented.awaitHolding()).isTrue();
        chat.handle(bob, say(2, "quiet", "this one must not wait for it"));

        await().atMost(WAIT).until(() -> bobLink.answered(2));
        assertThat(bobLink.has(ChatEvent.Accepted.class, a -> a.requestId() == 2)).isTrue();
        assertThat(aliceLink.answered(1)).isFalse();
        instrumented.release();
        await().atMost(WAIT).until(() -> aliceLink.answered(1));
    }

    @Test
    void aRequestRefusedBecauseItsLaneIsFullIsAnsweredServerBusyAndCountedUnderTheLane() throws Exception {
        start(new RequestRate(RequestRate.MAX, RequestRate.MAX));
        RecordingLink aliceLink = new RecordingLink();
        RecordingLink bobLink = new RecordingLink();
        ChatSession alice = login("alice", aliceLink);
        ChatSession bob = login("bob", bobLink);
        instrumented.holdAppendsTo("busy");
        Thread.ofPlatform().start(() -> chat.handle(alice, say(1, "busy", "this write hangs, holding the lane")));
        assertThat(instrumented.awaitHolding()).isTrue();

        long over = ChatService.LANE_CAPACITY + 1;
        for (long id = 1; id <= over; id++) {
            chat.handle(bob, new ChatRequest.ListMembers(id, Optional.of("busy")));
        }

        assertThat(bobLink.events(ChatEvent.Rejected.class)).singleElement().satisfies(r -> {
            assertThat(r.requestId()).isEqualTo(over);
            assertThat(r.code()).isEqualTo(ErrorCode.SERVER_BUSY);
        });
        assertThat(metrics.scrape()).contains("parley_rate_limited_total{bucket=\"lane\"} 1.0")
                .contains("parley_rate_limited_total{bucket=\"chat_queue\"} 0.0")
                .contains("parley_rate_limited_total{bucket=\"room_backlog\"} 0.0");
        instrumented.release();
        await().atMost(WAIT).until(() -> bobLink.answered(over - 1) && bobLink.inFlight() == 0);
        assertThat(bobLink.inFlightBytes()).isZero();
    }

    @Test
    void listingTheLobbyAndAllRoomsReadsNoAccountOrRoomFromTheStore() throws Exception {
        start(new RequestRate(1000, 1000));
        RecordingLink link = new RecordingLink();
        ChatSession alice = login("alice", link);
        await().atMost(WAIT).until(() -> instrumented.calls("undeliveredPrivate") == 1);
        instrumented.resetCounts();

        chat.handle(alice, new ChatRequest.ListMembers(1, Optional.of("Lobby")));
        chat.handle(alice, new ChatRequest.JoinRoom(2, "lobby"));
        chat.handle(alice, new ChatRequest.ListRooms(3));
        await().atMost(WAIT).until(() -> link.answered(1) && link.answered(2) && link.answered(3));

        assertThat(link.events(ChatEvent.MemberList.class).getFirst().members()).hasSize(1000);
        assertThat(link.events(ChatEvent.JoinedRoom.class).getFirst().room().memberCount())
                .isEqualTo(FILLER_ACCOUNTS + 2);
        assertThat(link.events(ChatEvent.RoomList.class).getFirst().rooms()).hasSize(FILLER_ROOMS + 3);
        assertThat(instrumented.totalCalls()).as("store calls for three listings of 1,000+ entries").isZero();
    }

    @Test
    void aLongListingCostsReadTokensInProportionToItsSize() throws Exception {
        // A burst of 12: a 1,000-entry list costs 1 + 10 tokens, so only one more request fits after it.
        start(new RequestRate(12, 1));
        RecordingLink link = new RecordingLink();
        ChatSession alice = login("alice", link);

        for (long id = 1; id <= 3; id++) {
            chat.handle(alice, new ChatRequest.ListMembers(id, Optional.of("lobby")));
            long answered = id;
            await().atMost(WAIT).until(() -> link.answered(answered));
        }

        assertThat(link.events(ChatEvent.MemberList.class)).hasSize(2);
        assertThat(link.events(ChatEvent.Rejected.class)).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }
}
