package org.parley.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.sqlite.SQLiteConfig;

/**
 * Copies the write-ahead log into the database file on a thread and connection of its own
 * ({@code PRAGMA wal_checkpoint(PASSIVE)}), so that the writer does not: SQLite's automatic
 * checkpoint runs inside the COMMIT that crosses its threshold, on the writer thread, and there
 * it cost an fsync of the log, the page copies and an fsync of the database file, while every
 * sender waited (measured: under 64 concurrent senders about 8 checkpoints a second on the
 * writer, single fsyncs up to 25 ms).
 *
 * <p>At most one checkpoint runs at a time and they start at most every {@value #INTERVAL_MILLIS}
 * ms, and only after a group commit: an idle server runs none. A passive checkpoint never waits
 * for the writer or for readers; what it could not copy is copied by the next one. The writer's
 * own automatic checkpoint stays on as a backstop at {@link SqliteDatabase#WAL_BACKSTOP_BYTES}
 * of log (then it mostly finds the pages already copied), which also lets SQLite start the log
 * over from its beginning.
 *
 * <p><b>Durability.</b> This connection runs with {@code synchronous=FULL}: a checkpoint fsyncs
 * the log before it copies and the database file after, as the writer's would.
 */
final class Checkpointer implements AutoCloseable {
    static final long INTERVAL_MILLIS = 250;
    private static final long CLOSE_TIMEOUT_SECONDS = 60;
    private final ExecutorService thread;
    private final Connection connection;
    private final LongSupplier nanoClock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong lastStart;
    private final AtomicLong checkpoints = new AtomicLong();

    private Checkpointer(Connection connection, LongSupplier nanoClock) {
        this.connection = connection;
        this.nanoClock = nanoClock;
        this.lastStart = new AtomicLong(nanoClock.getAsLong() - TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS));
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "parley-sqlite-checkpoint");
            t.setDaemon(true); // a checkpoint only copies what the log already holds durably
            return t;
        });
    }

    /** Opens its own connection to the database at {@code url} (already in WAL mode). */
    static Checkpointer open(String url) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        return new Checkpointer(DriverManager.getConnection(url, config.toProperties()), System::nanoTime);
    }

    /** After a group commit (any thread, cheap): starts a checkpoint unless one runs or one started too recently. */
    void afterCommit() {
        long now = nanoClock.getAsLong();
        if (now - lastStart.get() < TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS) || !running.compareAndSet(false, true)) {
            return;
        }
        lastStart.set(now);
        try {
            thread.execute(this::checkpoint);
        } catch (RejectedExecutionException closed) {
            running.set(false);
        }
    }

    /** Checkpoints run so far on the write-ahead log (tests). */
    long checkpoints() {
        return checkpoints.get();
    }

    private void checkpoint() {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // (busy, frames in the log, frames copied); -1 frames: the connection is not in WAL mode.
            if (result.next() && result.getLong(2) >= 0) {
                checkpoints.incrementAndGet();
            }
        } catch (SQLException e) {
            // Nothing is lost: the log still holds every page, and the next checkpoint (or the writer's) copies it.
        } finally {
            running.set(false);
        }
    }

    /** Lets a running checkpoint finish, then closes the connection (before the writer's, so the log can go). */
    @Override
    public void close() throws StoreException {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreException("close the database: the checkpoint did not stop");
            }
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("close the database: interrupted while waiting for the checkpoint", e);
        } catch (SQLException e) {
            throw StoreFailures.translate(e, "close the checkpoint connection");
        }
    }
}
