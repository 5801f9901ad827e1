package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/**
 * A group commit runs its callbacks through the store's {@link CompletionBatch}: the fan-outs of
 * its messages as one batch once it is committed, their acknowledgements as another once it is
 * durable, so the server can hand each event loop one task per batch (issue 13, durable messages).
 * The writer thread is held with a latch, so which messages share a commit is decided by the test.
 */
class GroupCommitCompletionBatchTest {
    @TempDir
    Path dir;
    private final Recording batches = new Recording();
    private SqliteDatabase database;
    private final CountDownLatch writerReleased = new CountDownLatch(1);

    /** Numbers each batch and remembers which one the calling thread is inside. */
    private static final class Recording implements CompletionBatch {
        final AtomicInteger runs = new AtomicInteger();
        final ThreadLocal<Integer> current = new ThreadLocal<>();

        @Override
        public void run(Runnable callbacks) {
            current.set(runs.incrementAndGet());
            try {
                callbacks.run();
            } finally {
                current.remove();
            }
        }

        /** The batch the calling thread is inside, 0 outside any. */
        int inside() {
            Integer batch = current.get();
            return batch == null ? 0 : batch;
        }
    }

    @BeforeEach
    void open() throws StoreException {
        database = SqliteDatabase.open(dir.resolve("parley.db"), CommitObserver.none(), batches);
    }

    @AfterEach
    void close() throws StoreException {
        writerReleased.countDown();
        database.close();
    }

    private void holdWriter() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        database.execute(() -> {
            held.countDown();
            try {
                writerReleased.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCommitsFanOutsRunInsideOneBatchAndItsAcknowledgementsInsideTheNextAfterAllFanOuts() throws Exception {
        GroupCommit commit = new GroupCommit(database, 1_000);
        holdWriter();
        List<Integer> fanOutBatches = new CopyOnWriteArrayList<>();
        List<Integer> answerBatches = new CopyOnWriteArrayList<>();
        List<CompletableFuture<StoredMessage>> acks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<StoredMessage> ack = commit.append("room-" + i, "alice", ContentType.TEXT,
                    Bytes.utf8("message " + i), 1_000L, stored -> fanOutBatches.add(batches.inside()));
            acks.add(ack.whenComplete((stored, error) -> answerBatches.add(batches.inside())));
        }

        writerReleased.countDown();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(commit.transactions()).isEqualTo(1);
        assertThat(fanOutBatches).as("the fan-outs: all in the commit's first batch").hasSize(10).containsOnly(1);
        assertThat(answerBatches).as("the acknowledgements: all in its second").hasSize(10).containsOnly(2);
        assertThat(batches.runs.get()).isEqualTo(2);
    }

    @Test
    void aFailedCommitsRefusalsRunInsideOneBatch() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
             Statement statement = raw.createStatement()) {
            statement.execute("CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.sender = 'mallory' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        GroupCommit commit = new GroupCommit(database, 1_000);
        holdWriter();
        List<Integer> answerBatches = new CopyOnWriteArrayList<>();
        List<CompletableFuture<StoredMessage>> acks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acks.add(commit.append("lobby", i == 2 ? "mallory" : "alice", ContentType.TEXT, Bytes.utf8("m" + i), 1_000L)
                    .whenComplete((stored, error) -> answerBatches.add(batches.inside())));
        }

        writerReleased.countDown();
        CompletableFuture.allOf(acks.stream().map(a -> a.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .get(20, TimeUnit.SECONDS);

        assertThat(acks).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(answerBatches).hasSize(5).containsOnly(batches.runs.get());
        assertThat(batches.runs.get()).as("nothing was committed: no fan-out batch").isEqualTo(1);
    }
}
