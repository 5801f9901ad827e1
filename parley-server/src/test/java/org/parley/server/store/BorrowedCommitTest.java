package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/**
 * A lone room message on an idle store is committed by the thread that appends it, borrowing the
 * writer's turn, and that thread never waits for the database: a locked database, a full sync
 * queue or a failed transaction sends the message to the writer thread, ahead of what came after
 * it, rolled back and stored once (issue 13, low-load latency, branch echo4). Which thread commits
 * is decided by holding the writer or the database's write lock, never by timing.
 */
class BorrowedCommitTest {
    /**
     * How long an append may take on a locked database at most: half the writer's busy timeout, so
     * an appender that waited for the lock as the writer does would fail this.
     */
    private static final long APPEND_RETURNS_WITHIN_MILLIS = SqliteDatabase.BUSY_TIMEOUT_MILLIS / 2;
    @TempDir
    Path dir;
    private SqliteDatabase database;
    private final CountDownLatch writerReleased = new CountDownLatch(1);

    @BeforeEach
    void open() throws StoreException {
        database = SqliteDatabase.open(dir.resolve("parley.db"));
        awaitWriterIdle();
    }

    /**
     * Until the writer thread has let go of its turn: a writer task's result is visible a moment
     * before its turn ends, and a borrower only tries the turn.
     */
    private void awaitWriterIdle() {
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> database.runHereIfIdle(() -> { }));
    }

    @AfterEach
    void close() throws StoreException {
        writerReleased.countDown();
        database.close();
    }

    @Test
    void aLoneMessageOnAnIdleStoreIsCommittedAndShownByTheAppendingThreadWithoutTheWriterThread() throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);
        AtomicReference<Thread> shownOn = new AtomicReference<>();

        CompletableFuture<StoredMessage> ack = commit.append("lobby", "alice", ContentType.TEXT, Bytes.utf8("alone"),
                1_000L, stored -> shownOn.set(Thread.currentThread()));
        Thread shownBeforeAppendReturned = shownOn.get();

        assertThat(shownBeforeAppendReturned).isSameAs(Thread.currentThread());
        assertThat(commit.borrowedCommits()).isEqualTo(1);
        assertThat(ack.get(20, TimeUnit.SECONDS).body()).isEqualTo(Bytes.utf8("alone"));
        assertThat(storedTexts()).containsExactly("alone");
    }

    @Test
    void aLockedDatabaseSendsTheLoneMessageToTheWriterAtOnceAndTheAppenderDoesNotWaitForTheLock() throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);
        AtomicReference<String> shownOn = new AtomicReference<>();
        CompletableFuture<StoredMessage> ack;
        try (Connection lock = takeWriteLock()) {
            CompletableFuture<CompletableFuture<StoredMessage>> appended = CompletableFuture.supplyAsync(() ->
                    commit.append("lobby", "alice", ContentType.TEXT, Bytes.utf8("while locked"), 1_000L,
                            stored -> shownOn.set(Thread.currentThread().getName())));
            ack = appended.get(APPEND_RETURNS_WITHIN_MILLIS, TimeUnit.MILLISECONDS);

            assertThat(commit.handedBackToWriter()).as("the borrowed attempt gave up").isEqualTo(1);
            assertThat(ack).as("nothing is acknowledged while the database is locked").isNotDone();
            assertThat(shownOn).as("nor shown").hasValue(null);
            lock.createStatement().execute("ROLLBACK");
        }

        assertThat(ack.get(20, TimeUnit.SECONDS).body()).isEqualTo(Bytes.utf8("while locked"));
        assertThat(shownOn).hasValue("parley-sqlite-writer");
        assertThat(storedTexts()).containsExactly("while locked");
        assertThat(database.writerPragma(SqliteDatabase.Pragma.BUSY_TIMEOUT))
                .as("the writer still waits for a busy database as before")
                .isEqualTo(Integer.toString(SqliteDatabase.BUSY_TIMEOUT_MILLIS));
    }

    @Test
    void theOrderIsKeptAcrossAMixOfBorrowedCommitsWriterCommitsAndABatchHandedBackFromALockedDatabase()
            throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);
        List<CompletableFuture<StoredMessage>> acks = new ArrayList<>();
        acks.add(say(commit, "1 borrowed"));
        CountDownLatch held = new CountDownLatch(1);
        holdWriterUntil(held, writerReleased);
        acks.add(say(commit, "2 queued behind a busy writer"));
        acks.add(say(commit, "3 queued behind a busy writer"));
        writerReleased.countDown();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        awaitWriterIdle();
        acks.add(say(commit, "4 borrowed"));
        acks.getLast().get(20, TimeUnit.SECONDS);
        try (Connection lock = takeWriteLock()) {
            acks.add(say(commit, "5 handed back"));
            acks.add(say(commit, "6 queued behind it"));
            lock.createStatement().execute("ROLLBACK");
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        awaitWriterIdle();
        acks.add(say(commit, "7 borrowed"));
        acks.getLast().get(20, TimeUnit.SECONDS);

        assertThat(commit.borrowedCommits()).as("1, 4 and 7").isEqualTo(3);
        assertThat(commit.handedBackToWriter()).as("5").isEqualTo(1);
        assertThat(acks).extracting(CompletableFuture::join).extracting(StoredMessage::id)
                .isSorted().doesNotHaveDuplicates();
        assertThat(storedTexts()).containsExactly("1 borrowed", "2 queued behind a busy writer",
                "3 queued behind a busy writer", "4 borrowed", "5 handed back", "6 queued behind it", "7 borrowed");
    }

    @Test
    void aBorrowedTransactionThatFailsMidwayIsRolledBackWholeAndLosesNothingAcknowledged() throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);
        StoredMessage before = say(commit, "acknowledged before").get(20, TimeUnit.SECONDS);
        awaitWriterIdle();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
             Statement statement = raw.createStatement()) {
            // After the row is written, inside the borrowed transaction: the failure comes midway.
            statement.execute("CREATE TRIGGER poison AFTER INSERT ON messages WHEN NEW.sender = 'mallory' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        }

        CompletableFuture<StoredMessage> failed = commit.append("lobby", "mallory", ContentType.TEXT,
                Bytes.utf8("never stored"), 1_000L);
        Throwable failure = catchCause(failed);
        StoredMessage after = say(commit, "acknowledged after").get(20, TimeUnit.SECONDS);

        assertThat(commit.handedBackToWriter()).as("the writer tried it again, once").isEqualTo(1);
        assertThat(failure).isInstanceOf(StoreException.class);
        assertThat(storedTexts()).containsExactly("acknowledged before", "acknowledged after");
        assertThat(after.id()).isGreaterThan(before.id());
        assertThat(database.integrityOk()).isTrue();
    }

    private CompletableFuture<StoredMessage> say(GroupCommit commit, String text) {
        return commit.append("lobby", "alice", ContentType.TEXT, Bytes.utf8(text), 1_000L);
    }

    /** SQLite's one write lock, held by a second connection (a stalled disk, an operator's command). */
    private Connection takeWriteLock() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
        }
        return connection;
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

    private static Throwable catchCause(CompletableFuture<?> future) {
        try {
            future.get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
