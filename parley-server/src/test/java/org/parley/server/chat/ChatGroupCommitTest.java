package org.parley.server.chat;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreSeed;

/**
 * The chat layer over group commit (issue 13): the room's lane does not wait for the commit; the
 * other members get a message once it is committed, its sender's {@code Accepted} and own copy
 * only once it is durable (after the log's fsync), and every session sees the room's messages in
 * id order; a failed commit rejects exactly its message with a typed error; a message counts as
 * in flight for its sender (the back-pressure count) until it is answered. Commits (and their
 * two steps, shown then acknowledged) are completed by the test, one by one.
 */
class ChatGroupCommitTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path directory;
    private SqliteStore store;
    private HeldCommitStore commits;
    private ChatService chat;
    private final MicrometerServerMetrics metrics = new MicrometerServerMetrics();
    private final RecordingLink aliceLink = new RecordingLink();
    private final RecordingLink bobLink = new RecordingLink();
    private ChatSession alice;
    private ChatSession bob;

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(directory.resolve("parley.db"));
        StoreSeed.rooms(store, List.of("lobby"), RoomVisibility.PUBLIC, "");
        for (String user : List.of("alice", "bob")) {
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
            store.putMember("lobby", user, Role.MEMBER);
        }
        commits = new HeldCommitStore(store);
        chat = TestChatService.open(store, store, store, commits, new RequestRate(1000, 1000), metrics,
                DeliveryBatch.direct());
        alice = new ChatSession(1, "alice", "alice", "127.0.0.1", aliceLink);
        chat.sessionStarted(alice);
        bob = new ChatSession(2, "bob", "bob", "127.0.0.1", bobLink);
        chat.sessionStarted(bob);
        // Both online in the lobby: the logins run on the accounts' own lanes in any order, and each
        // session sees its own arrival once its rooms were told it is online.
        await().atMost(WAIT).until(() -> aliceLink.has(ChatEvent.Presence.class, p -> p.user().equals("alice"))
                && bobLink.has(ChatEvent.Presence.class, p -> p.user().equals("bob")));
    }

    @AfterEach
    void close() throws StoreException {
        chat.close();
        store.close();
    }

    private void say(long id, String text) {
        chat.handle(alice, new ChatRequest.SendRoomMessage(id, "lobby", ContentType.TEXT, Bytes.utf8(text)));
    }

    /** The size of alice's room message as it arrives: its encoding. */
    private static long wireBytes(long id, String text) {
        return org.parley.protocol.chat.ChatCodec.encode(
                new ChatRequest.SendRoomMessage(id, "lobby", ContentType.TEXT, Bytes.utf8(text))).length();
    }

    private void bobSays(long id, String text) {
        chat.handle(bob, new ChatRequest.SendRoomMessage(id, "lobby", ContentType.TEXT, Bytes.utf8(text)));
    }

    /** The link's answers and room messages in the order it received them: "accepted 1", "text". */
    private static List<String> answersAndTexts(RecordingLink link) {
        return link.events().stream().<String>mapMulti((e, out) -> {
            switch (e) {
                case ChatEvent.Accepted a -> out.accept("accepted " + a.requestId());
                case ChatEvent.Rejected r -> out.accept("rejected " + r.requestId() + " " + r.code());
                case ChatEvent.RoomMessage m -> out.accept(new String(m.message().body().toByteArray(), StandardCharsets.UTF_8));
                default -> { }
            }
        }).toList();
    }

    private static List<String> texts(RecordingLink link) {
        return link.events(ChatEvent.RoomMessage.class).stream()
                .map(m -> new String(m.message().body().toByteArray(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aRoomMessageToAnIdleRoomIsQueuedForItsCommitOnTheCallingThreadBeforeHandleReturns() throws Exception {
        say(1, "no chat thread woken for this");

        assertThat(commits.waiting()).isEqualTo(1);
        assertThat(commits.lastAppendThread()).isSameAs(Thread.currentThread());
        commits.commitNext();
        await().atMost(WAIT).until(() -> aliceLink.answered(1));
        assertThat(texts(bobLink)).containsExactly("no chat thread woken for this");
    }

    @Test
    void aSmallRoomsMessageReachesTheOthersAndItsAnswerItsSenderOnTheThreadsThatCommitAndSyncIt() throws Exception {
        say(1, "no chat thread woken for this either");

        commits.showNext(); // the lobby has two members online and its lane is idle: fanned out here
        assertThat(texts(bobLink)).containsExactly("no chat thread woken for this either");
        assertThat(aliceLink.answered(1)).isFalse();
        commits.acknowledgeShown(); // nothing of the lobby waits: answered here
        assertThat(answersAndTexts(aliceLink)).containsExactly("accepted 1", "no chat thread woken for this either");
    }

    @Test
    void aRoomMessageIsAcknowledgedAndFannedOutOnlyAfterItsCommitAndCountsAsInFlightUntilThen() throws Exception {
        say(1, "waits for its commit");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        // The lane went on: a second message is checked and queued while the first is uncommitted.
        say(2, "queued behind it");
        await().atMost(WAIT).until(() -> commits.waiting() == 2);

        assertThat(aliceLink.answered(1)).isFalse();
        assertThat(texts(bobLink)).isEmpty();
        assertThat(aliceLink.inFlight()).isEqualTo(2);
        assertThat(aliceLink.inFlightBytes()).as("each counted with the size it arrived with")
                .isEqualTo(wireBytes(1, "waits for its commit") + wireBytes(2, "queued behind it"));

        commits.commitNext();
        await().atMost(WAIT).until(() -> aliceLink.answered(1));
        await().atMost(WAIT).until(() -> texts(bobLink).size() == 1);
        assertThat(aliceLink.answered(2)).isFalse();
        assertThat(aliceLink.inFlight()).isEqualTo(1);
        assertThat(aliceLink.inFlightBytes()).isEqualTo(wireBytes(2, "queued behind it"));

        commits.commitNext();
        await().atMost(WAIT).until(() -> aliceLink.answered(2) && texts(bobLink).size() == 2);
        assertThat(texts(bobLink)).containsExactly("waits for its commit", "queued behind it");
        assertThat(aliceLink.inFlight()).isZero();
    }

    @Test
    void aFailedCommitRejectsExactlyItsMessageWithATypedErrorAndFansOutNothing() throws Exception {
        say(1, "the disk fails");
        say(2, "the queue is full");
        say(3, "committed");
        await().atMost(WAIT).until(() -> commits.waiting() == 3);

        commits.failNext(new StoreException("disk I/O error"));
        commits.failNext(new StoreException.Overloaded("too many waiting"));
        commits.commitNext();
        await().atMost(WAIT).until(() -> aliceLink.answered(1) && aliceLink.answered(2) && aliceLink.answered(3));

        assertThat(aliceLink.events(ChatEvent.Rejected.class)).extracting(ChatEvent.Rejected::requestId, ChatEvent.Rejected::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, ErrorCode.INTERNAL),
                        org.assertj.core.groups.Tuple.tuple(2L, ErrorCode.SERVER_BUSY));
        assertThat(aliceLink.has(ChatEvent.Accepted.class, a -> a.requestId() == 3)).isTrue();
        await().atMost(WAIT).until(() -> texts(bobLink).size() == 1);
        assertThat(texts(bobLink)).containsExactly("committed");
        assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 10)).hasSize(1);
        assertThat(aliceLink.inFlight()).isZero();
        assertThat(aliceLink.inFlightBytes()).isZero();
        assertThat(metrics.scrape()).as("the full commit queue is counted; the disk error is not a refusal")
                .contains("parley_rate_limited_total{bucket=\"commit_queue\"} 1.0");
    }
    @Test
    void theOtherMembersGetAMessageOnceCommittedAndItsSenderOnlyOnceItIsDurable() throws Exception {
        say(1, "fanned out before the fsync");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);

        commits.showNext();
        await().atMost(WAIT).until(() -> texts(bobLink).size() == 1);
        assertThat(answersAndTexts(aliceLink)).isEmpty();
        assertThat(aliceLink.inFlight()).isEqualTo(1);

        commits.acknowledgeShown();
        await().atMost(WAIT).until(() -> answersAndTexts(aliceLink).size() == 2);
        assertThat(answersAndTexts(aliceLink)).containsExactly("accepted 1", "fanned out before the fsync");
        assertThat(aliceLink.inFlight()).isZero();
    }

    @Test
    void aSenderWaitingForItsAcknowledgementStillSeesTheRoomsMessagesInOrder() throws Exception {
        say(1, "first, by alice");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        bobSays(2, "second, by bob");
        await().atMost(WAIT).until(() -> commits.waiting() == 2);
        commits.showNext();
        commits.showNext();
        await().atMost(WAIT).until(() -> texts(bobLink).size() == 1);
        // Bob's own message waits for its fsync; alice waits for hers, so bob's waits for her too.
        assertThat(texts(aliceLink)).isEmpty();

        commits.acknowledgeShown();
        await().atMost(WAIT).until(() -> answersAndTexts(aliceLink).size() == 3);
        commits.acknowledgeShown();
        await().atMost(WAIT).until(() -> answersAndTexts(bobLink).size() == 3);

        assertThat(answersAndTexts(aliceLink)).containsExactly("accepted 1", "first, by alice", "second, by bob");
        assertThat(answersAndTexts(bobLink)).containsExactly("first, by alice", "accepted 2", "second, by bob");
        assertThat(aliceLink.inFlight()).isZero();
        assertThat(bobLink.inFlight()).isZero();
    }

    @Test
    void aMessageWhoseLogSyncFailsIsRefusedToItsSenderWhoNeverGetsItAsAnAcknowledgement() throws Exception {
        say(1, "the fsync fails");
        say(2, "durable");
        await().atMost(WAIT).until(() -> commits.waiting() == 2);

        commits.showNext();
        commits.failShown(new StoreException("sync the write-ahead log"));
        commits.commitNext();
        await().atMost(WAIT).until(() -> answersAndTexts(aliceLink).size() == 3);

        assertThat(answersAndTexts(aliceLink)).containsExactly("rejected 1 INTERNAL", "accepted 2", "durable");
        assertThat(texts(bobLink)).containsExactly("the fsync fails", "durable");
        assertThat(aliceLink.inFlight()).isZero();
    }

    @Test
    void aSenderWithTwoMessagesWaitingGetsEachOwnCopyOnlyAfterItsOwnAcknowledgement() throws Exception {
        say(1, "one");
        say(2, "two");
        await().atMost(WAIT).until(() -> commits.waiting() == 2);
        commits.showNext();
        commits.showNext();
        await().atMost(WAIT).until(() -> texts(bobLink).size() == 2);

        commits.acknowledgeShown();
        await().atMost(WAIT).until(() -> answersAndTexts(aliceLink).size() == 2);
        List<String> afterFirst = answersAndTexts(aliceLink);
        commits.acknowledgeShown();
        await().atMost(WAIT).until(() -> answersAndTexts(aliceLink).size() == 4);

        assertThat(afterFirst).containsExactly("accepted 1", "one");
        assertThat(answersAndTexts(aliceLink)).containsExactly("accepted 1", "one", "accepted 2", "two");
        assertThat(aliceLink.inFlight()).isZero();
    }
}
