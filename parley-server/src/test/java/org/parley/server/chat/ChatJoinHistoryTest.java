package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreSeed;

/**
 * A join replays the room's last messages as history; a message that was already committed when
 * the join read that history, but whose fan-out was still on its way back to the room's lane
 * behind the join, must not reach the joiner a second time live (docs/PROTOCOL.md 14.5: every
 * member gets a room's messages in one order, the order of their ids). The test holds the lobby's
 * lane (carol's link waits in the answer to her own join) while dave's join and then alice's
 * committed message queue behind it, in that order.
 */
class ChatJoinHistoryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path directory;
    private SqliteStore store;
    private HeldCommitStore commits;
    private ChatService chat;
    private final CountDownLatch lobbyHeld = new CountDownLatch(1);
    private final Gate releaseLobby = new Gate();
    private final RecordingLink aliceLink = new RecordingLink();
    private final RecordingLink carolLink = new RecordingLink();
    private final RecordingLink daveLink = new RecordingLink();
    private ChatSession alice;
    private ChatSession carol;
    private ChatSession dave;

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(directory.resolve("parley.db"));
        StoreSeed.rooms(store, List.of("lobby"), RoomVisibility.PUBLIC, "");
        for (String user : List.of("alice", "carol", "dave")) {
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
        }
        store.putMember("lobby", "alice", Role.MEMBER);
        store.putMember("lobby", "carol", Role.MEMBER);
        commits = new HeldCommitStore(store);
        chat = TestChatService.open(store, store, store, commits, new RequestRate(1000, 1000),
                new MicrometerServerMetrics(), DeliveryBatch.direct(), 10);
        alice = new ChatSession(1, "alice", "alice", "127.0.0.1", aliceLink);
        carol = new ChatSession(2, "carol", "carol", "127.0.0.1", holdingTheLobby(carolLink));
        dave = new ChatSession(3, "dave", "dave", "127.0.0.1", daveLink);
        chat.sessionStarted(alice);
        chat.sessionStarted(carol);
        chat.sessionStarted(dave);
        await().atMost(WAIT).until(() -> aliceLink.has(ChatEvent.Presence.class, p -> p.user().equals("dave"))
                && daveLink.has(ChatEvent.Presence.class, p -> p.user().equals("dave")));
    }

    @AfterEach
    void close() throws StoreException {
        releaseLobby.open();
        chat.close();
        store.close();
    }

    /** Carol's link, whose answer to her join (request 100, on the lobby's lane) waits until the test releases it. */
    private SessionLink holdingTheLobby(RecordingLink link) {
        return new SessionLink() {
            @Override
            public void deliver(ChatEvent event) {
                if (event instanceof ChatEvent.JoinedRoom joined && joined.requestId() == 100) {
                    lobbyHeld.countDown();
                    releaseLobby.blocker().run();
                }
                link.deliver(event);
            }

            @Override
            public void close(String reason) {
                link.close(reason);
            }
        };
    }

    private static List<String> texts(RecordingLink link) {
        return link.events(ChatEvent.RoomMessage.class).stream()
                .map(m -> new String(m.message().body().toByteArray(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aMessageCommittedBeforeAJoinReadItsHistoryButFannedOutAfterTheJoinReachesTheJoinerOnce() throws Exception {
        chat.handle(alice, new ChatRequest.SendRoomMessage(1, "lobby", ContentType.TEXT, Bytes.utf8("before")));
        commits.commitNext();
        chat.handle(alice, new ChatRequest.SendRoomMessage(2, "lobby", ContentType.TEXT, Bytes.utf8("in between")));
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        chat.handle(carol, new ChatRequest.JoinRoom(100, "lobby"));
        assertThat(lobbyHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        chat.handle(dave, new ChatRequest.JoinRoom(3, "lobby"));

        commits.showNext(); // committed (the join will read it) while its fan-out queues behind the join
        releaseLobby.open();
        commits.acknowledgeShown();
        chat.handle(alice, new ChatRequest.SendRoomMessage(4, "lobby", ContentType.TEXT, Bytes.utf8("after")));
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        commits.commitNext();

        await().atMost(WAIT).until(() -> texts(daveLink).contains("after"));
        assertThat(texts(daveLink)).containsExactly("before", "in between", "after");
        assertThat(daveLink.events(ChatEvent.RoomMessage.class)).extracting(m -> m.message().id()).isSorted();
    }
}
