package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreSeed;

/**
 * A room's fan-out on its lane runs inside one {@link DeliveryBatch}, so that the server hands the
 * members' connections to their event loops once every member has its part queued, one task per
 * event loop (issue 13, fan-out at moderate load). The room here has more members online than
 * are fanned out on the store's thread ({@link Messaging#FAN_OUT_HERE_AT_MOST}), so its fan-out
 * runs on a chat lane; commits are completed by the test.
 */
class RoomFanOutBatchTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MEMBERS = Messaging.FAN_OUT_HERE_AT_MOST + 4;
    @TempDir
    Path directory;
    private SqliteStore store;
    private HeldCommitStore commits;
    private ChatService chat;
    private final CountingBatch batches = new CountingBatch();
    private final List<BatchAwareLink> links = new ArrayList<>();
    private final List<ChatSession> sessions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(directory.resolve("parley.db"));
        StoreSeed.rooms(store, List.of("lobby"), RoomVisibility.PUBLIC, "");
        for (int i = 0; i < MEMBERS; i++) {
            String user = "user" + i;
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
            store.putMember("lobby", user, Role.MEMBER);
        }
        commits = new HeldCommitStore(store);
        chat = TestChatService.open(store, store, store, commits, new RequestRate(1000, 1000), ServerMetrics.off(), batches);
        for (int i = 0; i < MEMBERS; i++) {
            BatchAwareLink link = new BatchAwareLink(batches);
            ChatSession session = new ChatSession(i + 1, "user" + i, "user" + i, "127.0.0.1", link);
            links.add(link);
            sessions.add(session);
            chat.sessionStarted(session);
        }
        // Sessions start on their accounts' lanes in any order, so one member may never see another
        // come online; each sees its own arrival only after its rooms were told it is online.
        for (int i = 0; i < MEMBERS; i++) {
            String user = "user" + i;
            BatchAwareLink link = links.get(i);
            await().atMost(WAIT).until(() -> link.events().stream()
                    .anyMatch(e -> e instanceof ChatEvent.Presence p && p.user().equals(user)));
        }
    }

    @AfterEach
    void close() throws StoreException {
        chat.close();
        store.close();
    }

    private void say(int member, long id, String text) {
        chat.handle(sessions.get(member), new ChatRequest.SendRoomMessage(id, "lobby", ContentType.TEXT, Bytes.utf8(text)));
    }

    private static List<Delivery> roomMessages(BatchAwareLink link) {
        return link.deliveries().stream().filter(d -> d.event() instanceof ChatEvent.RoomMessage).toList();
    }

    @Test
    void aLargeRoomsMessageIsQueuedForEveryOtherMemberInsideOneDeliveryBatchOnTheRoomsLane() throws Exception {
        say(0, 1, "to a dozen members");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        int before = batches.runs();

        commits.showNext();
        await().atMost(WAIT).until(() -> links.stream().skip(1).allMatch(l -> roomMessages(l).size() == 1));

        assertThat(batches.runs() - before).as("one batch for the fan-out").isEqualTo(1);
        assertThat(batches.lastThread().getName()).as("on a chat lane, not the committing thread").startsWith("parley-chat-");
        for (BatchAwareLink link : links.subList(1, MEMBERS)) {
            assertThat(roomMessages(link)).extracting(Delivery::insideBatch).containsExactly(true);
        }
        assertThat(roomMessages(links.getFirst())).as("the sender's own copy waits for its acknowledgement").isEmpty();
    }

    @Test
    void aSendersAnswerAndOwnCopyStillReachItOnceTheMessageIsDurable() throws Exception {
        say(0, 1, "acknowledged after the fan-out");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        commits.showNext();
        await().atMost(WAIT).until(() -> links.stream().skip(1).allMatch(l -> roomMessages(l).size() == 1));

        commits.acknowledgeShown();
        await().atMost(WAIT).until(() -> links.getFirst().answered(1) && roomMessages(links.getFirst()).size() == 1);
        assertThat(links.getFirst().deliveries().stream().map(Delivery::event)
                .filter(e -> e instanceof ChatEvent.Accepted || e instanceof ChatEvent.RoomMessage)
                .map(e -> e.getClass().getSimpleName()).toList()).containsExactly("Accepted", "RoomMessage");
    }

    @Test
    void messagesCommittedOneAfterTheOtherReachEveryMemberInCommitOrder() throws Exception {
        say(1, 1, "first");
        say(2, 2, "second");
        say(3, 3, "third");
        await().atMost(WAIT).until(() -> commits.waiting() == 3);

        commits.showNext();
        commits.showNext();
        commits.showNext();
        BatchAwareLink bystander = links.get(MEMBERS - 1);
        await().atMost(WAIT).until(() -> roomMessages(bystander).size() == 3);

        assertThat(roomMessages(bystander)).extracting(d -> ((ChatEvent.RoomMessage) d.event()).message().body())
                .containsExactly(Bytes.utf8("first"), Bytes.utf8("second"), Bytes.utf8("third"));
        assertThat(roomMessages(bystander)).extracting(Delivery::insideBatch).containsOnly(true);
    }

    /** A delivery batch that counts its runs and marks the thread while one runs. */
    private static final class CountingBatch implements DeliveryBatch {
        private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);
        private final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        private volatile Thread lastThread;

        @Override
        public void run(Runnable deliveries) {
            runs.incrementAndGet();
            lastThread = Thread.currentThread();
            inside.set(true);
            try {
                deliveries.run();
            } finally {
                inside.set(false);
            }
        }

        boolean inside() {
            return inside.get();
        }

        int runs() {
            return runs.get();
        }

        Thread lastThread() {
            return lastThread;
        }
    }

    private record Delivery(ChatEvent event, boolean insideBatch) {
    }

    /** Keeps each event it is given and whether a delivery batch was running on the thread that gave it. */
    private static final class BatchAwareLink implements SessionLink {
        private final CountingBatch batches;
        private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

        BatchAwareLink(CountingBatch batches) {
            this.batches = batches;
        }

        @Override
        public void deliver(ChatEvent event) {
            deliveries.add(new Delivery(event, batches.inside()));
        }

        @Override
        public void close(String reason) {
        }

        List<Delivery> deliveries() {
            return List.copyOf(deliveries);
        }

        List<ChatEvent> events() {
            return deliveries.stream().map(Delivery::event).toList();
        }

        boolean answered(long requestId) {
            return events().stream().anyMatch(e -> e instanceof ChatEvent.Accepted a && a.requestId() == requestId);
        }
    }
}
