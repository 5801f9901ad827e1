package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/**
 * Whatever a group commit's callbacks throw (an unchecked exception, even an {@link Error}), every
 * sender of its batch is answered and the next room message is still stored and answered: the
 * writer's "a batch is scheduled" flag and the log syncer's places are released in any case, so
 * one throwing callback cannot silently stall every room's messages.
 */
class GroupCommitFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    private SqliteDatabase database;

    @AfterEach
    void close() throws StoreException {
        if (database != null) {
            database.close();
        }
    }

    /** Opens the store with a {@link CompletionBatch} that throws after running the callbacks of the runs {@code throwOn} picks (1 = the first). */
    private GroupCommit openThrowingAfterRuns(IntPredicate throwOn, RuntimeException thrown) throws StoreException {
        AtomicInteger runs = new AtomicInteger();
        database = SqliteDatabase.open(dir.resolve("parley.db"), CommitObserver.none(), callbacks -> {
            callbacks.run();
            if (throwOn.test(runs.incrementAndGet())) {
                throw thrown;
            }
        });
        return new GroupCommit(database, 1_000);
    }

    private static CompletableFuture<StoredMessage> say(GroupCommit commit, String from, String text) {
        return commit.append("lobby", from, ContentType.TEXT, Bytes.utf8(text), 1_000L);
    }

    @Test
    void aFanOutThatThrowsAnErrorStillLetsItsMessageBeAnsweredAndTheNextOneBeStored() throws Exception {
        database = SqliteDatabase.open(dir.resolve("parley.db"));
        GroupCommit commit = new GroupCommit(database, 1_000);

        CompletableFuture<StoredMessage> poisoned = commit.append("lobby", "alice", ContentType.TEXT,
                Bytes.utf8("first"), 1_000L, stored -> {
                    throw new AssertionError("a fan-out that throws an Error (test)");
                });

        assertThat(poisoned).as("committed and synced: the fan-out's failure is not the sender's").succeedsWithin(WAIT);
        assertThat(say(commit, "bob", "second")).succeedsWithin(WAIT);
    }

    @Test
    void anAcknowledgementBatchThatThrowsDoesNotStallTheNextMessage() throws Exception {
        // A lone message: run 1 is its fan-out batch, run 2 its acknowledgements (on the writer itself).
        GroupCommit commit = openThrowingAfterRuns(run -> run == 2, new IllegalStateException("hand-off failed (test)"));

        assertThat(say(commit, "alice", "first")).succeedsWithin(WAIT);
        assertThat(say(commit, "bob", "second")).as("answered although the last batch's hand-off threw")
                .succeedsWithin(WAIT);
    }

    @Test
    void aFailedBatchWhoseRefusalsThrowStillRefusesEverySenderAndTheNextMessageIsStored() throws Exception {
        GroupCommit commit = openThrowingAfterRuns(run -> run == 1, new IllegalStateException("hand-off failed (test)"));
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
             Statement statement = raw.createStatement()) {
            statement.execute("CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.sender = 'mallory' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        }

        CompletableFuture<StoredMessage> refused = say(commit, "mallory", "first");

        assertThat(refused).failsWithin(WAIT);
        assertThat(say(commit, "bob", "second")).succeedsWithin(WAIT);
    }
}
