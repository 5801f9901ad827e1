package org.parley.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite file behind {@link SqliteStore}: one writer connection confined to one dedicated
 * writer thread, and a bounded pool of read-only connections.
 *
 * <p>Every write runs as one {@code BEGIN IMMEDIATE ... COMMIT} transaction on the writer thread;
 * the caller waits until COMMIT has returned. Because a single thread writes, writes never contend
 * inside the process; {@code busy_timeout} covers another process (an operator command) holding
 * the write lock for a moment.
 *
 * <p><b>Durability.</b> {@code journal_mode=WAL} with {@code synchronous=FULL}: COMMIT returns only
 * after the write-ahead log has been fsynced, so a committed transaction survives the process being
 * killed ({@code kill -9}) and an operating-system crash or power loss (as far as the disk honours
 * fsync). With {@code synchronous=NORMAL} WAL would survive only a process crash.
 *
 * <p>The one exception is a group commit of room messages ({@link #inTransactionUnsynced}, then
 * {@link #syncLog}): its COMMIT runs with {@code synchronous=NORMAL}, so it returns once the log
 * is written but before the fsync, and the messages can be fanned out to the other members while
 * {@link #syncLog} fsyncs the log; the senders are acknowledged only after that fsync, so an
 * acknowledged message is as durable as with {@code FULL} (docs/ARCHITECTURE.md, "Durability and
 * the order of a room message"). That fsync runs on the {@link LogSyncer}'s own thread, so the
 * writer commits the next batch meanwhile.
 *
 * <p><b>A failed fsync of the log.</b> Once {@link #syncLog} has failed, every later write is
 * refused until the process ends ({@link #durabilityLost}). The transactions it should have made
 * durable are committed in SQLite's eyes and later ones are written after them in the same log,
 * but after a failed fsync the operating system may have dropped the pages it could not write
 * (Linux marks them clean and a later fsync succeeds): a crash would then find a hole in the log,
 * and SQLite's recovery stops at the first frame that does not check, losing everything after it,
 * however durable its own fsync had said it was. So nothing after the failure is acknowledged as
 * written (and nothing is checkpointed from a log that may not be what is on disk); a restart
 * recovers the log as far as it is intact, as PostgreSQL does after a failed fsync.
 */
final class SqliteDatabase implements AutoCloseable {

    private static final int READERS = 4;
    private static final long CLOSE_TIMEOUT_SECONDS = 60;
    /**
     * Bytes per page of a database this server creates (SQLite's default is 4,096). A group commit
     * of messages to many rooms changes one leaf page of {@code messages_by_room} per room, and
     * COMMIT writes each changed page whole to the log (then a checkpoint copies it again): with
     * 1 KiB pages a room message costs about a third of the log bytes (measured, 64 rooms: 5.8 to
     * 2.2 KB written per message; one sender: 13.3 to 4.0 KB) and about a fifth less of the
     * writer's CPU (issue 13, docs/PERFORMANCE.md). An existing file keeps its page size: SQLite
     * changes it only with a VACUUM, which the server never runs by itself.
     */
    static final int PAGE_SIZE = 1024;
    /**
     * The writer's own automatic checkpoint, a backstop behind the {@link Checkpointer}: the log
     * size (16 MiB, counted in the file's own pages) after which the COMMIT that crosses it
     * checkpoints on the writer thread.
     */
    static final int WAL_BACKSTOP_BYTES = 16 * 1024 * 1024;

    private final ExecutorService writerThread;
    private final Connection writer;
    private final ReaderPool readers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CommitObserver commits;
    private final Logger log = LoggerFactory.getLogger("parley.server");
    private final CompletionBatch completions;
    private final WriteAheadLogFile writeAheadLog;
    private final LogSyncer logSyncer = new LogSyncer(this::syncLog);
    private final Checkpointer checkpointer;
    /** The first failure of {@link #syncLog}; from then on nothing is written (see the class comment). */
    private volatile StoreException logSyncFailed;
    /** Writer thread only: the transaction statements, prepared once. */
    private PreparedTransactions transactions;

    private SqliteDatabase(ExecutorService writerThread, Connection writer, ReaderPool readers, CommitObserver commits,
                           CompletionBatch completions, WriteAheadLogFile writeAheadLog, Checkpointer checkpointer) {
        this.checkpointer = checkpointer;
        this.commits = commits;
        this.completions = completions;
        this.writeAheadLog = writeAheadLog;
        this.writerThread = writerThread;
        this.writer = writer;
        this.readers = readers;
    }

    /** Opens (creating if needed) the database file and brings its schema up to date. */
    static SqliteDatabase open(Path file) throws StoreException {
        return open(file, CommitObserver.none());
    }

    static SqliteDatabase open(Path file, CommitObserver commits) throws StoreException {
        return open(file, commits, CompletionBatch.direct());
    }

    /** As above, running each group commit's callbacks through {@code completions}. */
    static SqliteDatabase open(Path file, CommitObserver commits, CompletionBatch completions) throws StoreException {
        SqliteConnections.createOwnerOnly(file);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        ExecutorService writerThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "parley-sqlite-writer");
            // Daemon: a write is acknowledged only after COMMIT, so an exit never loses an acknowledged write.
            thread.setDaemon(true);
            return thread;
        });
        Path log = file.toAbsolutePath().resolveSibling(file.getFileName() + "-wal");
        // A clean close checkpoints and removes the log: one left behind means the last process died.
        boolean uncleanEnd = Files.exists(log);
        try {
            Connection writer = await(writerThread.submit(() -> SqliteConnections.openWriter(url, uncleanEnd)), "open the database");
            return new SqliteDatabase(writerThread, writer, new ReaderPool(url, SqliteConnections.readerProperties(), READERS), commits,
                    completions, new WriteAheadLogFile(log),
                    openCheckpointer(url, writerThread, writer));
        } catch (StoreException e) {
            writerThread.shutdownNow();
            throw e;
        }
    }

    /** Only once the writer has set WAL mode: a connection opened on a file still without it would not use the log. */
    private static Checkpointer openCheckpointer(String url, ExecutorService writerThread, Connection writer)
            throws StoreException {
        try {
            return Checkpointer.open(url);
        } catch (SQLException e) {
            StoreException failure = StoreFailures.translate(e, "open the checkpoint connection");
            try {
                await(writerThread.submit(() -> {
                    writer.close();
                    return null;
                }), "close the database");
            } catch (StoreException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
    }

    /** Runs {@code work} in one write transaction on the writer thread; returns after COMMIT returned. */
    <T> T write(String operation, SqlWork<T> work) throws StoreException {
        return onWriterThread(operation, () -> inTransaction(work));
    }

    private <T> T onWriterThread(String operation, Callable<T> task) throws StoreException {
        Future<T> result;
        try {
            result = writerThread.submit(task);
        } catch (RejectedExecutionException e) {
            throw new StoreException(operation + ": the store is closed", e);
        }
        return await(result, operation);
    }

    /**
     * Queues {@code task} on the writer thread and returns at once (group commit drains its queue
     * this way); false if the store is closed.
     */
    boolean execute(Runnable task) {
        try {
            writerThread.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code work} in one write transaction; only on the writer thread (from a task given to {@link #execute}). */
    <T> T inTransaction(SqlWork<T> work) throws SQLException, StoreException {
        return inTransaction(1, work);
    }

    /** As {@link #inTransaction(SqlWork)}, reporting {@code writes} writes in the commit (a group commit's batch size). */
    <T> T inTransaction(int writes, SqlWork<T> work) throws SQLException, StoreException {
        refuseIfDurabilityLost();
        long start = System.nanoTime();
        T value = transactions().run(writer, work);
        observe(writes, System.nanoTime() - start);
        return value;
    }

    /**
     * As {@link #inTransaction(int, SqlWork)}, but COMMIT does not wait for the fsync
     * ({@code synchronous=NORMAL}; the next {@link #inTransaction} sets {@code FULL} again first): the changes are committed and visible
     * to readers, and survive the process being killed, but not yet a power loss. The caller must
     * call {@link #syncLog} before it tells anyone outside the server that they are durable.
     * Only on the writer thread.
     */
    <T> T inTransactionUnsynced(int writes, SqlWork<T> work) throws SQLException, StoreException {
        refuseIfDurabilityLost();
        long start = System.nanoTime();
        T value;
        try {
            value = transactions().runUnsynced(writer, work);
        } finally {
            checkpointer.afterCommit();
        }
        observe(writes, System.nanoTime() - start);
        return value;
    }

    /**
     * Tells the observer (the metrics) about a commit. What it throws is logged and dropped: the
     * write is committed, and reported as failed a client would hear "internal" for a stored write
     * and might store it twice by retrying.
     */
    private void observe(int writes, long nanos) {
        try {
            commits.committed(writes, nanos);
        } catch (RuntimeException e) {
            log.warn("the commit observer failed ({}); the commit stands", e.getClass().getSimpleName());
        }
    }

    /** The writer's prepared transaction statements, prepared on first use (writer thread only). */
    private PreparedTransactions transactions() throws SQLException {
        if (transactions == null) {
            transactions = PreparedTransactions.prepare(writer);
        }
        return transactions;
    }

    /**
     * Fsyncs the write-ahead log, making every transaction committed so far durable, as COMMIT
     * with {@code synchronous=FULL} would have. On the writer thread or the {@link LogSyncer}'s
     * (the file is kept open: {@link WriteAheadLogFile}).
     */
    void syncLog() throws StoreException {
        refuseIfDurabilityLost();
        try {
            writeAheadLog.sync();
        } catch (IOException | RuntimeException e) {
            StoreException failure = new StoreException("sync the write-ahead log", e);
            synchronized (this) {
                if (logSyncFailed == null) {
                    logSyncFailed = failure;
                    log.error("the write-ahead log could not be synced ({}: {}); every write is refused from now on, "
                            + "restart the server to recover the log as far as it is intact", e.getClass().getSimpleName(),
                            e.getMessage());
                }
            }
            throw failure;
        }
    }

    /** True once an fsync of the log has failed: every write is refused until the process ends. */
    boolean durabilityLost() {
        return logSyncFailed != null;
    }

    private void refuseIfDurabilityLost() throws StoreException {
        StoreException failed = logSyncFailed;
        if (failed != null) {
            throw new StoreException("write refused: an fsync of the write-ahead log failed earlier, and nothing written "
                    + "since can be made durable; restart the server", failed);
        }
    }

    /** The background checkpoint (tests). */
    Checkpointer checkpointer() {
        return checkpointer;
    }

    /** The fsync thread of group commits (only the writer thread uses it). */
    LogSyncer logSyncer() {
        return logSyncer;
    }

    /** How a group commit runs its callbacks (its fan-outs, then its acknowledgements). */
    CompletionBatch completions() {
        return completions;
    }

    /** Runs {@code work} on a pooled read-only connection, on the calling thread. */
    <T> T read(String operation, SqlWork<T> work) throws StoreException {
        return readers.read(operation, work);
    }

    /** As {@link #read}, on a statement for the constant {@code sql} that each pooled connection prepares once and keeps. */
    <T> T readPrepared(String operation, String sql, StatementWork<T> work) throws StoreException {
        return readers.readPrepared(operation, sql, work);
    }

    /** {@code PRAGMA integrity_check} reports "ok". */
    boolean integrityOk() throws StoreException {
        return read("check integrity", connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                return rows.next() && "ok".equals(rows.getString(1)) && !rows.next();
            }
        });
    }

    /** The writer connection's value of one of a fixed set of pragmas (for tests and operators). */
    String writerPragma(Pragma pragma) throws StoreException {
        return onWriterThread("read a setting", () -> SqliteConnections.pragma(writer, pragma));
    }

    /**
     * Closes the readers, lets every write already submitted finish and every queued log sync run
     * (their acknowledgements go out), checkpoints the WAL into the main file, then closes the
     * writer connection and stops its thread. Idempotent.
     */
    @Override
    public void close() throws StoreException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        StoreException failure = null;
        try {
            readers.close();
        } catch (SQLException e) {
            failure = StoreFailures.translate(e, "close the readers");
        }
        try {
            checkpointer.close();
        } catch (StoreException e) {
            failure = failure == null ? e : withSuppressed(failure, e);
        }
        Future<Void> shutdown = writerThread.submit(() -> {
            try {
                // Before the checkpoint, which may remove the log file a queued sync would open.
                logSyncer.close();
            } finally {
                try {
                    writeAheadLog.close();
                    if (transactions != null) {
                        transactions.close();
                    }
                } finally {
                    try (Connection connection = writer; Statement statement = connection.createStatement()) {
                        statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                }
            }
            return null;
        });
        writerThread.shutdown();
        try {
            await(shutdown, "close the database");
            if (!writerThread.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreException("close the database: the writer did not stop");
            }
        } catch (StoreException e) {
            failure = failure == null ? e : withSuppressed(failure, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new StoreException("close the database: interrupted", e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static StoreException withSuppressed(StoreException first, StoreException next) {
        first.addSuppressed(next);
        return first;
    }

    private static <T> T await(Future<T> result, String operation) throws StoreException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(operation + ": interrupted while waiting for the writer (the write may still commit)", e);
        } catch (ExecutionException e) {
            throw StoreFailures.translate(e.getCause(), operation);
        }
    }

    /** Settings a test or operator may read back; fixed queries, never built from input. */
    enum Pragma {
        JOURNAL_MODE("PRAGMA journal_mode"),
        SYNCHRONOUS("PRAGMA synchronous"),
        FOREIGN_KEYS("PRAGMA foreign_keys"),
        BUSY_TIMEOUT("PRAGMA busy_timeout"),
        PAGE_SIZE("PRAGMA page_size");

        private final String query;

        Pragma(String query) {
            this.query = query;
        }

        String query() {
            return query;
        }
    }
}
