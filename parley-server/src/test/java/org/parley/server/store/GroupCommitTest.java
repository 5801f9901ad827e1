package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.SendId;
import org.parley.protocol.chat.StoredMessage;

/**
 * Group commit (issue 13 §2): messages queued while the writer is busy share one transaction, no
 * append is acknowledged before the COMMIT holding it, a failed batch fails exactly its own
 * messages, and the queue is bounded. The writer thread is held busy with a latch, so which
 * messages share a batch is decided by the test, not by timing.
 */
class GroupCommitTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    private SqliteDatabase database;
    private final CountDownLatch writerReleased = new CountDownLatch(1);
    private final CountDownLatch writerHeld = new CountDownLatch(1);

    @BeforeEach
    void open() throws StoreException {
        database = SqliteDatabase.open(dir.resolve("parley.db"));
    }

    @AfterEach
    void close() throws StoreException {
        writerReleased.countDown();
        database.close();
    }

    /** A trigger on the database file makes every INSERT of a message from mallory fail. */
    private void refuseEveryMessageFromMallory() throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
             Statement statement = raw.createStatement()) {
            statement.execute("CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.sender = 'mallory' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        }
    }

    /** Keeps the writer thread busy until {@link #releaseWriter}: appends made meanwhile wait in the queue. */
    private void holdWriter() throws InterruptedException {
        holdWriterUntil(writerHeld, writerReleased);
    }

    /** Runs a writer task that counts {@code held} down and then waits for {@code release}; returns once it runs. */
    private void holdWriterUntil(CountDownLatch held, CountDownLatch release) throws InterruptedException {
        database.execute(() -> {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
    }

    private void releaseWriter() {
        writerReleased.countDown();
    }

    private static CompletableFuture<StoredMessage> say(GroupCommit commit, String from, String text) {
        return commit.append("lobby", from, ContentType.TEXT, Bytes.utf8(text), 1_000L);
    }

    private List<String> storedTexts() throws StoreException {
        return database.read("read back", connection -> {
            List<String> texts = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT body FROM messages ORDER BY id")) {
                while (rows.next()) {
                    texts.add(new String(rows.getBytes(1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return texts;
        });
    }

    @Test
    void messagesQueuedWhileTheWriterIsBusyShareOneTransactionAndAreAcknowledgedOnlyAfterItsCommit() throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);
        holdWriter();
        List<CompletableFuture<StoredMessage>> acks = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            acks.add(say(commit, "alice", "message " + i));
        }

        assertThat(acks).noneMatch(CompletableFuture::isDone);
        assertThat(storedTexts()).isEmpty();
        releaseWriter();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(commit.transactions()).isEqualTo(1);
        List<Long> ids = acks.stream().map(CompletableFuture::join).map(StoredMessage::id).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(storedTexts()).hasSize(100).startsWith("message 0").endsWith("message 99");
    }

    @Test
    void aFullBatchOfMessagesSentOnceWritesTheirSendIdsAsOneRowReadBackNewestFirst() throws Exception {
        SendIdRows sendIds = new SendIdRows();
        GroupCommit commit = new GroupCommit(database, 1_000, sendIds);
        holdWriter();
        List<CompletableFuture<StoredMessage>> acks = new ArrayList<>();
        List<SendMark> marks = new ArrayList<>();
        for (int i = 0; i < GroupCommit.MAX_BATCH; i++) {
            // Every third sent plainly; the times of one batch interleave (appends read the clock before queueing).
            Optional<SendMark> mark = i % 3 == 2 ? Optional.empty()
                    : Optional.of(new SendMark("user" + (i % 5) + "密谈", new SendId(Bytes.fromHex("%032x".formatted(i + 1))),
                            Bytes.fromHex("%064x".formatted(i))));
            mark.ifPresent(marks::add);
            acks.add(commit.append("lobby", "user" + (i % 5), ContentType.TEXT, Bytes.utf8("m" + i), 1_000L + i % 4,
                    mark, stored -> { }));
        }
        releaseWriter();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(commit.transactions()).isEqualTo(1);
        long rows = database.read("count send rows", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM send_batches")) {
                count.next();
                return count.getLong(1);
            }
        });
        assertThat(rows).isEqualTo(1);
        List<StoredSend> expected = new ArrayList<>();
        for (int i = 0, m = 0; i < acks.size(); i++) {
            if (i % 3 != 2) {
                StoredMessage stored = acks.get(i).join();
                expected.add(new StoredSend(marks.get(m++), stored.id(), stored.timestampMillis()));
            }
        }
        expected.sort(Comparator.comparingLong(StoredSend::storedAt).thenComparingLong(StoredSend::answeredId)
                .reversed());
        assertThat(sendIds.recent(database, 0, 1_000, 1_000)).containsExactlyElementsOf(expected);
    }

    @Test
    void eachMessageOfALargeBatchToManyRoomsGetsTheIdOfItsOwnRowInQueueOrder() throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);
        int count = 150;
        holdWriter();
        List<CompletableFuture<StoredMessage>> acks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            acks.add(commit.append("room-" + (i % 7), "user" + (i % 5), ContentType.TEXT, Bytes.utf8("body " + i), 1_000L + i));
        }

        releaseWriter();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(commit.transactions()).isEqualTo(1);
        List<StoredMessage> stored = acks.stream().map(CompletableFuture::join).toList();
        assertThat(stored).extracting(StoredMessage::id).isSorted().doesNotHaveDuplicates();
        List<String> rows = database.read("read back", connection -> {
            List<String> found = new ArrayList<>();
            try (var select = connection.prepareStatement("SELECT room, sender, ts, body FROM messages WHERE id = ?")) {
                for (StoredMessage message : stored) {
                    select.setLong(1, message.id());
                    try (ResultSet row = select.executeQuery()) {
                        found.add(row.next() ? row.getString(1) + " " + row.getString(2) + " " + row.getLong(3) + " "
                                + new String(row.getBytes(4), java.nio.charset.StandardCharsets.UTF_8) : "missing");
                    }
                }
            }
            return found;
        });
        for (int i = 0; i < count; i++) {
            assertThat(rows.get(i)).isEqualTo("room-" + (i % 7) + " user" + (i % 5) + " " + (1_000L + i) + " body " + i);
        }
    }

    @Test
    void eachAcknowledgedMessageIsAlreadyVisibleToAnotherConnectionWhenItsAcknowledgementArrives() throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);
        for (int i = 0; i < 20; i++) {
            StoredMessage stored = say(commit, "alice", "one at a time " + i).get(20, TimeUnit.SECONDS);

            assertThat(storedTexts()).as("read on a pooled reader connection after ack %d", stored.id())
                    .contains("one at a time " + i);
        }
    }

    @Test
    void eachMessageIsShownCommittedInOrderBeforeItsAcknowledgementWhichWaitsForTheLogSync() throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);
        List<CompletableFuture<StoredMessage>> acks = new ArrayList<>();
        List<StoredMessage> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> acknowledgedWhenShown = new java.util.concurrent.CopyOnWriteArrayList<>();
        holdWriter();
        for (int i = 0; i < 5; i++) {
            int index = i;
            acks.add(commit.append("lobby", "alice", ContentType.TEXT, Bytes.utf8("shown " + i), 1_000L, stored -> {
                shown.add(stored);
                acknowledgedWhenShown.add(acks.get(index).isDone());
            }));
        }
        acks.add(say(commit, "bob", "nobody watches this one"));

        releaseWriter();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(shown).extracting(StoredMessage::id).isSorted().doesNotHaveDuplicates()
                .containsExactlyElementsOf(acks.subList(0, 5).stream().map(CompletableFuture::join).map(StoredMessage::id).toList());
        assertThat(acknowledgedWhenShown).hasSize(5).containsOnly(false);
        assertThat(storedTexts()).hasSize(6);
    }

    @Test
    void otherWritesStayFullySynchronousAfterAGroupCommit() throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);

        say(commit, "alice", "committed without waiting for the fsync, then synced").get(20, TimeUnit.SECONDS);
        String levelOfTheNextWrite = database.write("read the level inside a write", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA synchronous")) {
                rows.next();
                return rows.getString(1);
            }
        });

        assertThat(levelOfTheNextWrite).isEqualTo("2");
        assertThat(database.writerPragma(SqliteDatabase.Pragma.SYNCHRONOUS)).isEqualTo("2");
    }

    @Test
    void aMessageWhoseCommitFailsIsNeverShown() throws Exception {
        refuseEveryMessageFromMallory();
        GroupCommit commit = new GroupCommit(database, 1_000);
        List<StoredMessage> shown = new java.util.concurrent.CopyOnWriteArrayList<>();

        var failed = commit.append("lobby", "mallory", ContentType.TEXT, Bytes.utf8("refused"), 1_000L, shown::add);
        await().atMost(WAIT).until(failed::isDone);

        assertThat(failed).isCompletedExceptionally();
        assertThat(shown).isEmpty();
    }

    @Test
    void aFailedBatchFailsExactlyItsOwnMessagesAndLosesNoAcknowledgedOne() throws Exception {
        refuseEveryMessageFromMallory();
        GroupCommit commit = new GroupCommit(database, 1_000);
        StoredMessage before = say(commit, "alice", "committed before").get(20, TimeUnit.SECONDS);
        holdWriter();
        var first = say(commit, "alice", "same batch, first");
        var poisoned = say(commit, "mallory", "fails its batch");
        var last = say(commit, "bob", "same batch, last");
        releaseWriter();
        await().atMost(WAIT).until(() -> first.isDone() && poisoned.isDone() && last.isDone());
        StoredMessage after = say(commit, "bob", "committed after").get(20, TimeUnit.SECONDS);

        for (var failed : List.of(first, poisoned, last)) {
            assertThat(failed).isCompletedExceptionally();
            assertThat(catchCause(failed)).isInstanceOf(StoreException.class).isNotInstanceOf(StoreException.Overloaded.class);
        }
        assertThat(after.id()).isGreaterThan(before.id());
        assertThat(storedTexts()).containsExactly("committed before", "committed after");
    }

    @Test
    void aBatchAfterOneThatFailedInItsMiddleRowsStoresEachMessageUnderItsOwnId() throws Exception {
        refuseEveryMessageFromMallory();
        GroupCommit commit = new GroupCommit(database, 1_000);
        holdWriter();
        List<CompletableFuture<StoredMessage>> failing = new ArrayList<>();
        for (String from : List.of("alice", "bob", "mallory", "carol", "dave")) {
            failing.add(say(commit, from, "failing batch, " + from));
        }
        releaseWriter();
        await().atMost(WAIT).until(() -> failing.stream().allMatch(CompletableFuture::isDone));
        List<StoredMessage> next = new ArrayList<>();
        List<CompletableFuture<StoredMessage>> acks = new ArrayList<>();
        CountDownLatch release = holdWriterAgain();
        for (int i = 0; i < 4; i++) {
            acks.add(say(commit, "erin", "next batch " + i));
        }
        release.countDown();
        for (var ack : acks) {
            next.add(ack.get(20, TimeUnit.SECONDS));
        }

        assertThat(failing).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(next).extracting(StoredMessage::id).isSorted().doesNotHaveDuplicates();
        assertThat(bodiesOf(next)).containsExactly("next batch 0", "next batch 1", "next batch 2", "next batch 3");
        assertThat(storedTexts()).containsExactly("next batch 0", "next batch 1", "next batch 2", "next batch 3");
    }

    @Test
    void aBatchWhoseRowsDidNotGetConsecutiveIdsFailsInsteadOfAcknowledgingWrongIds() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
             Statement statement = raw.createStatement()) {
            statement.execute("CREATE TRIGGER shadow AFTER INSERT ON messages WHEN NEW.sender = 'echo' "
                    + "BEGIN INSERT INTO messages (kind, room, sender, ts, content_type, body) "
                    + "VALUES ('ROOM', NEW.room, 'shadow', NEW.ts, NEW.content_type, NEW.body); END");
        }
        GroupCommit commit = new GroupCommit(database, 1_000);
        holdWriter();
        var first = say(commit, "alice", "first");
        var echoed = say(commit, "echo", "takes two ids");
        var last = say(commit, "bob", "last");
        releaseWriter();
        await().atMost(WAIT).until(() -> first.isDone() && echoed.isDone() && last.isDone());

        for (var failed : List.of(first, echoed, last)) {
            assertThat(failed).isCompletedExceptionally();
        }
        assertThat(storedTexts()).isEmpty();
    }

    /** As {@link #holdWriter}, a second time in one test: the writer runs on once the returned latch is counted down. */
    private CountDownLatch holdWriterAgain() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        holdWriterUntil(new CountDownLatch(1), release);
        return release;
    }

    /** Each message's body as stored in the row of its id. */
    private List<String> bodiesOf(List<StoredMessage> messages) throws StoreException {
        return database.read("read back by id", connection -> {
            List<String> found = new ArrayList<>();
            try (var select = connection.prepareStatement("SELECT body FROM messages WHERE id = ?")) {
                for (StoredMessage message : messages) {
                    select.setLong(1, message.id());
                    try (ResultSet row = select.executeQuery()) {
                        found.add(row.next() ? new String(row.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)
                                : "missing");
                    }
                }
            }
            return found;
        });
    }

    @Test
    void appendsBeyondTheQueueBoundAreRefusedAtOnceAsOverloaded() throws Exception {
        GroupCommit commit = new GroupCommit(database, 3);
        holdWriter();
        List<CompletableFuture<StoredMessage>> queued = List.of(say(commit, "a", "1"), say(commit, "a", "2"), say(commit, "a", "3"));
        CompletableFuture<StoredMessage> refused = say(commit, "a", "4");

        assertThat(refused).isCompletedExceptionally();
        assertThat(catchCause(refused)).isInstanceOf(StoreException.Overloaded.class);
        releaseWriter();
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(say(commit, "a", "5").get(20, TimeUnit.SECONDS).body()).isEqualTo(Bytes.utf8("5"));
        assertThat(storedTexts()).containsExactly("1", "2", "3", "5");
    }

    private static Throwable catchCause(CompletableFuture<?> future) {
        try {
            future.join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
