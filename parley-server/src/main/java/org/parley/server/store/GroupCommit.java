package org.parley.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/**
 * Group commit of room messages: appends wait in one queue, and the writer thread stores each
 * batch of up to {@value #MAX_BATCH} of them in one {@code BEGIN IMMEDIATE … COMMIT}, so many
 * messages share one fsync. Each append's future completes only after the COMMIT holding it
 * returned (acknowledge after commit), in queue order, so ids follow submission order and a room
 * whose lane appends in order keeps its order.
 *
 * <p>A batch whose transaction fails is rolled back and fails exactly its own appends with the
 * {@link StoreException}; nothing of it is stored and no later batch is affected. More than
 * {@code maxQueued} appends waiting fail at once with {@link StoreException.Overloaded}, so the
 * queue and its memory are bounded. While one batch commits, the next one gathers: under light
 * load a batch is one message and costs what a single commit did.
 *
 * <p>A batch commits in two steps: COMMIT without waiting for the fsync, after which each
 * append's {@code whenVisible} is told its stored message (the chat layer fans it out to the
 * other members), then the fsync of the log on the {@link LogSyncer}'s thread, after which the
 * futures complete (the senders are acknowledged). So the fan-out overlaps the fsync while an
 * acknowledgement still means durable, and the writer inserts and commits the next batch while
 * the previous one is fsynced (at most {@link LogSyncer#MAX_UNSYNCED_BATCHES} batches are committed
 * and not yet synced; while the writer waits for a place, the next batch keeps growing). Futures still complete in commit order. A failed fsync fails the batch's
 * futures: those messages were committed and may have been seen by other members, but their
 * senders are not told they were stored.
 *
 * <p>The INSERTs are prepared once and reused by every batch (the writer thread owns them). Only a
 * batch's first and last rows are inserted with {@code RETURNING id}: SQLite runs a RETURNING
 * clause as a trigger program that fills a temporary table on every execution, which was a visible
 * part of each row's native step (issue 13). The rows between go through the plain INSERT as one JDBC
 * batch, and their ids are counted from the first: with {@code AUTOINCREMENT}, one writer connection
 * and the transaction holding the write lock, each new row's id is one more than the last, and the
 * last row's returned id is checked against that count (a mismatch rolls the batch back).
 *
 * <p><b>A lone message on an idle store</b> is committed by the thread that appends it (an event
 * loop or a chat thread, holding the room's lane), not handed to the writer thread: when the
 * writer has nothing running or queued, the appender borrows its turn
 * ({@link SqliteDatabase#runHereIfIdle}: tried, never waited for; still one thread at a time on
 * the connection), takes a place from the {@link LogSyncer} only if one is free at once, and
 * commits at most {@value #BORROWED_AT_MOST} messages with a busy timeout of 0
 * ({@link SqliteDatabase#inTransactionUnsyncedNoWait}). Their {@code whenVisible} runs there, and
 * the fsync and the futures always go to the sync thread ({@link LogSyncer#committedElsewhere}),
 * so the appender never waits for the disk or the database's lock. If any of this fails (no free
 * place, a busy database, any error), the transaction is rolled back whole and the batch goes to
 * the writer thread, ahead of everything queued after it, which commits it as it commits every
 * batch (waiting for a busy database): order kept, nothing stored twice. This saves the wake-up of
 * the writer thread for a lone sender's message (issue 13, low-load latency, branch {@code echo4};
 * {@code echo3} had measured it and was reverted because its commit waited on the event loop for
 * the busy timeout). Under load the writer is busy or has work queued and nothing changes. What a
 * borrower can still wait for: the kernel's write of a few log pages (no fsync), and SQLite's
 * backstop checkpoint if a COMMIT crosses {@link SqliteDatabase#WAL_BACKSTOP_BYTES} of log, which
 * only a burst the {@link Checkpointer} has not caught up with leaves behind.
 */
final class GroupCommit {
    /** Messages in one transaction at most (a transaction stays short, so other writes interleave). */
    static final int MAX_BATCH = 512;
    /** Messages one borrowed transaction takes at most (it runs on an event loop or a chat thread). */
    static final int BORROWED_AT_MOST = 16;
    private static final String INSERT = "INSERT INTO messages (kind, room, sender, ts, content_type, body) "
            + "VALUES ('ROOM', ?, ?, ?, ?, ?)";
    private static final String INSERT_RETURNING = INSERT + " RETURNING id";
    private final SqliteDatabase database;
    private final int maxQueued;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong borrowed = new AtomicLong();
    private final AtomicLong handedBack = new AtomicLong();
    /**
     * A batch a borrower took and could not commit (rolled back), for the writer to take first;
     * touched only by the holder of {@code scheduled} (the hand-over to the writer orders it).
     */
    private List<Pending> carried;
    /** The INSERT with and without {@code RETURNING id}, prepared on the writer's connection the first time (writer thread only). */
    private PreparedStatement insertReturning;
    private PreparedStatement insertPlain;

    GroupCommit(SqliteDatabase database, int maxQueued) {
        this.database = database;
        this.maxQueued = maxQueued;
    }

    /** Queues a room message; the future completes after its commit, or fails with the batch's error. */
    CompletableFuture<StoredMessage> append(String room, String from, ContentType type, Bytes body, long nowMillis) {
        return append(room, from, type, body, nowMillis, stored -> { });
    }

    /**
     * As above; {@code whenVisible} runs once the message is committed and before the log is
     * fsynced (never if its commit failed), on the thread that committed it: the writer thread, or
     * the caller itself, before this returns, when it borrowed the idle writer's turn (see the class
     * comment). It must be quick, must not wait, and must not touch the store.
     */
    CompletableFuture<StoredMessage> append(String room, String from, ContentType type, Bytes body, long nowMillis,
                                            Consumer<StoredMessage> whenVisible) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(new StoreException.Overloaded(
                    "store a room message: " + maxQueued + " messages are already waiting for their commit"));
        }
        Pending pending = new Pending(ConversationKey.of(room), from, type, body, nowMillis, whenVisible,
                new CompletableFuture<>());
        queue.add(pending);
        if (scheduled.compareAndSet(false, true) && !database.runHereIfIdle(this::drainBorrowed)) {
            toWriter();
        }
        return pending.result();
    }

    /** Holding {@code scheduled}: the writer drains next; if the store is closed, everything waiting fails. */
    private void toWriter() {
        if (!database.execute(this::drainOneBatch)) {
            failQueued(new StoreException("store a room message: the store is closed"));
        }
    }

    /**
     * On a thread that borrowed the writer's idle turn (see the class comment), holding
     * {@code scheduled}: commits what is queued now (at most {@value #BORROWED_AT_MOST}) without
     * ever waiting, or leaves it to the writer thread, at the head of the queue.
     */
    private void drainBorrowed() {
        LogSyncer syncer = database.logSyncer();
        if (!syncer.tryReserve()) {
            toWriter();
            return;
        }
        List<Pending> batch = take(BORROWED_AT_MOST);
        if (batch.isEmpty()) {
            syncer.unreserve();
            reschedule();
            return;
        }
        transactions.incrementAndGet();
        List<Long> ids;
        try {
            ids = database.inTransactionUnsyncedNoWait(batch.size(), connection -> insertAll(connection, batch));
        } catch (SQLException | StoreException | RuntimeException busyOrFailed) {
            // Rolled back whole: the writer tries again, first, and waits for a busy database as usual.
            syncer.unreserve();
            handedBack.incrementAndGet();
            carried = batch;
            toWriter();
            return;
        }
        borrowed.incrementAndGet();
        showThenSync(batch, ids, syncer, false);
        reschedule();
    }

    /**
     * Runs on the writer thread: one transaction for the messages queued now (at most a batch),
     * once the {@link LogSyncer} has a place for one more unsynced batch (meanwhile the queue grows).
     */
    private void drainOneBatch() {
        LogSyncer syncer = database.logSyncer();
        StoreException noPlace = null;
        try {
            syncer.reserve();
        } catch (StoreException e) {
            noPlace = e;
        }
        List<Pending> batch = take(MAX_BATCH);
        if (noPlace != null) {
            fail(batch, noPlace);
        } else if (batch.isEmpty()) {
            syncer.unreserve();
        } else {
            commit(batch, syncer);
        }
        reschedule();
    }

    /**
     * Holding {@code scheduled}: takes at most {@code most} messages, first a batch a borrower
     * handed back (it was queued before everything in the queue), then from the queue.
     */
    private List<Pending> take(int most) {
        List<Pending> batch = new ArrayList<>();
        if (carried != null) {
            batch.addAll(carried);
            carried = null;
        }
        Pending next;
        while (batch.size() < most && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    /** Lets go of {@code scheduled}; another batch goes to the back of the writer's queue, so single writes are not starved. */
    private void reschedule() {
        scheduled.set(false);
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            toWriter();
        }
    }

    /** Transactions run so far, committed or not (tests; the bench reports messages per transaction). */
    long transactions() {
        return transactions.get();
    }

    /** Batches committed by a thread that borrowed the writer's idle turn (tests). */
    long borrowedCommits() {
        return borrowed.get();
    }

    /** Borrowed transactions that gave up (a busy database, or any failure) and went to the writer (tests). */
    long handedBackToWriter() {
        return handedBack.get();
    }

    /** Commits a batch for which {@code syncer} has a place reserved. */
    private void commit(List<Pending> batch, LogSyncer syncer) {
        transactions.incrementAndGet();
        List<Long> ids;
        try {
            ids = database.inTransactionUnsynced(batch.size(), connection -> insertAll(connection, batch));
        } catch (SQLException | StoreException | RuntimeException e) {
            syncer.unreserve();
            fail(batch, e instanceof StoreException s ? s : StoreFailures.translate(e, "store a room message"));
            return;
        }
        showThenSync(batch, ids, syncer, true);
    }

    /**
     * After a batch's COMMIT, still holding the writer's turn: tells each message's
     * {@code whenVisible}, then hands the batch to the {@link LogSyncer}, whose fsync completes the
     * futures; {@code onWriter}: the writer thread committed it (and may sync a lone batch itself).
     */
    private void showThenSync(List<Pending> batch, List<Long> ids, LogSyncer syncer, boolean onWriter) {
        List<StoredMessage> stored = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            stored.add(new StoredMessage(ids.get(i), p.nowMillis(), p.from(), p.type(), p.body()));
            try {
                p.whenVisible().accept(stored.get(i));
            } catch (RuntimeException e) {
                // The early fan-out is the caller's concern; the batch's sync and acknowledgements must go on.
            }
        }
        Runnable durable = () -> {
            queued.addAndGet(-batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(stored.get(i));
            }
        };
        if (onWriter) {
            syncer.committed(!queue.isEmpty(), durable, failure -> fail(batch, failure));
        } else {
            syncer.committedElsewhere(durable, failure -> fail(batch, failure));
        }
    }

    private void fail(List<Pending> batch, StoreException failure) {
        queued.addAndGet(-batch.size());
        batch.forEach(p -> p.result().completeExceptionally(failure));
    }

    private List<Long> insertAll(java.sql.Connection connection, List<Pending> batch) throws SQLException {
        if (insertReturning == null) {
            insertReturning = connection.prepareStatement(INSERT_RETURNING);
            insertPlain = connection.prepareStatement(INSERT);
        }
        int n = batch.size();
        long first = insertReturningId(batch.getFirst());
        if (n > 1) {
            if (n > 2) {
                try {
                    for (Pending p : batch.subList(1, n - 1)) {
                        bind(insertPlain, p);
                        insertPlain.addBatch();
                    }
                    insertPlain.executeBatch();
                } finally {
                    insertPlain.clearBatch(); // a failed batch leaves no rows queued for the next one
                }
            }
            long last = insertReturningId(batch.getLast());
            if (last != first + n - 1) {
                throw new SQLException("the ids of one batch of " + n + " messages are not consecutive (" + first
                        + " to " + last + ")");
            }
        }
        List<Long> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(first + i);
        }
        return ids;
    }

    private long insertReturningId(Pending p) throws SQLException {
        bind(insertReturning, p);
        try (var rows = insertReturning.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("SQLite returned no id for the new message");
            }
            return rows.getLong(1);
        }
    }

    private static void bind(PreparedStatement insert, Pending p) throws SQLException {
        insert.setString(1, p.roomKey());
        insert.setString(2, p.from());
        insert.setLong(3, p.nowMillis());
        insert.setString(4, p.type().name());
        insert.setBytes(5, p.body().toByteArray());
    }

    private void failQueued(StoreException failure) {
        if (carried != null) {
            fail(carried, failure);
            carried = null;
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            queued.decrementAndGet();
            p.result().completeExceptionally(failure);
        }
    }

    private record Pending(String roomKey, String from, ContentType type, Bytes body, long nowMillis,
                           Consumer<StoredMessage> whenVisible, CompletableFuture<StoredMessage> result) {
    }
}
