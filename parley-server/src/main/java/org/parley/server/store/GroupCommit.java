package org.parley.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * and not yet synced; while the writer waits for a place, the next batch keeps growing). Futures still complete in commit order.
 * A batch's {@code whenVisible} callbacks run as one {@link CompletionBatch}, and its futures'
 * completions (or failures) as another, so that what they hand to the event loops leaves as one
 * task per event loop when all of them ran (issue 13, durable messages). A failed fsync fails the batch's
 * futures: those messages were committed and may have been seen by other members, but their
 * senders are not told they were stored.
 *
 * <p>Whatever a callback, the {@link CompletionBatch} or the driver throws (an {@link Error}
 * too), every append of the batch is answered (acknowledged if it was durable, else failed), the
 * exception is logged (never a message's content) and the next batch is scheduled: the writer's
 * "a batch is scheduled" flag and the syncer's place are released in any case, so that one failure
 * cannot leave every later room message unanswered.
 *
 * <p>The INSERTs are prepared once and reused by every batch (the writer thread owns them). Only a
 * batch's first and last rows are inserted with {@code RETURNING id}: SQLite runs a RETURNING
 * clause as a trigger program that fills a temporary table on every execution, which was a visible
 * part of each row's native step (issue 13). The rows between go through the plain INSERT as one JDBC
 * batch, and their ids are counted from the first: with {@code AUTOINCREMENT}, one writer connection
 * and the transaction holding the write lock, each new row's id is one more than the last, and the
 * last row's returned id is checked against that count (a mismatch rolls the batch back).
 *
 * <p>A message sent once (docs/PROTOCOL.md 14.5) has its send id written in the same transaction
 * ({@link SendIdRows}: the batch's sends made once packed into one more row, when it holds any), so it
 * is never durable without its send id; the same transaction deletes the send ids past their time
 * now and then.
 */
final class GroupCommit {
    /** Messages in one transaction at most (a transaction stays short, so other writes interleave). */
    static final int MAX_BATCH = 512;
    private static final String INSERT = "INSERT INTO messages (kind, room, sender, ts, content_type, body) "
            + "VALUES ('ROOM', ?, ?, ?, ?, ?)";
    private static final String INSERT_RETURNING = INSERT + " RETURNING id";
    private final Logger log = LoggerFactory.getLogger("parley.server");
    private final SqliteDatabase database;
    private final SendIdRows sendIds;
    private final int maxQueued;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong transactions = new AtomicLong();
    /** The INSERT with and without {@code RETURNING id}, prepared on the writer's connection the first time (writer thread only). */
    private PreparedStatement insertReturning;
    private PreparedStatement insertPlain;

    GroupCommit(SqliteDatabase database, int maxQueued) {
        this(database, maxQueued, new SendIdRows());
    }

    /** {@code sendIds}: the store's send ids, which other writes of the same database share. */
    GroupCommit(SqliteDatabase database, int maxQueued, SendIdRows sendIds) {
        this.database = database;
        this.maxQueued = maxQueued;
        this.sendIds = sendIds;
    }

    /** Queues a room message; the future completes after its commit, or fails with the batch's error. */
    CompletableFuture<StoredMessage> append(String room, String from, ContentType type, Bytes body, long nowMillis) {
        return append(room, from, type, body, nowMillis, stored -> { });
    }

    /**
     * As above; {@code whenVisible} runs on the writer thread once the message is committed and
     * before the log is fsynced (never if its commit failed): it must be quick and must not touch
     * the store.
     */
    CompletableFuture<StoredMessage> append(String room, String from, ContentType type, Bytes body, long nowMillis,
                                            Consumer<StoredMessage> whenVisible) {
        return append(room, from, type, body, nowMillis, Optional.empty(), whenVisible);
    }

    /** As above; {@code send}, if present, is written with the message, answered with its id, at {@code nowMillis}. */
    CompletableFuture<StoredMessage> append(String room, String from, ContentType type, Bytes body, long nowMillis,
                                            Optional<SendMark> send, Consumer<StoredMessage> whenVisible) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(new StoreException.Overloaded(
                    "store a room message: " + maxQueued + " messages are already waiting for their commit"));
        }
        Pending pending = new Pending(ConversationKey.of(room), from, type, body, nowMillis, send, whenVisible,
                new CompletableFuture<>());
        queue.add(pending);
        if (scheduled.compareAndSet(false, true) && !database.execute(this::drainOneBatch)) {
            failQueued(new StoreException("store a room message: the store is closed"));
        }
        return pending.result();
    }

    /**
     * Runs on the writer thread: one transaction for the messages queued now (at most a batch),
     * once the {@link LogSyncer} has a place for one more unsynced batch (meanwhile the queue grows).
     */
    private void drainOneBatch() {
        Batch batch = new Batch();
        try {
            LogSyncer syncer = database.logSyncer();
            StoreException noPlace = null;
            try {
                syncer.reserve();
            } catch (StoreException e) {
                noPlace = e;
            }
            Pending next;
            while (batch.appends.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.appends.add(next);
            }
            if (noPlace != null) {
                fail(batch, noPlace);
            } else if (batch.appends.isEmpty()) {
                syncer.unreserve();
            } else {
                commit(batch, syncer);
            }
        } catch (Throwable e) {
            // commit and fail answer their batch themselves; this is the last guard, so the writer goes on.
            log.error("a group commit of {} room messages failed unexpectedly", batch.appends.size(), e);
            batch.failUnanswered(e);
        } finally {
            // Another batch goes to the back of the writer's queue, so single writes are not starved.
            scheduled.set(false);
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true) && !database.execute(this::drainOneBatch)) {
                failQueued(new StoreException("store a room message: the store is closed"));
            }
        }
    }

    /** Transactions run so far, committed or not (tests; the bench reports messages per transaction). */
    long transactions() {
        return transactions.get();
    }

    /** Commits a batch for which {@code syncer} has a place reserved. */
    private void commit(Batch batch, LogSyncer syncer) {
        transactions.incrementAndGet();
        List<Pending> appends = batch.appends;
        List<Long> ids;
        try {
            ids = database.inTransactionUnsynced(appends.size(), connection -> insertAll(connection, appends));
        } catch (SQLException | StoreException | RuntimeException | Error e) {
            syncer.unreserve();
            if (e instanceof Error error) {
                log.error("a group commit of {} room messages failed unexpectedly", appends.size(), error);
                fail(batch, new StoreException("store a room message failed unexpectedly", error));
            } else {
                fail(batch, StoreFailures.translate(e, "store a room message"));
            }
            return;
        }
        List<StoredMessage> stored = new ArrayList<>(appends.size());
        for (int i = 0; i < appends.size(); i++) {
            Pending p = appends.get(i);
            stored.add(new StoredMessage(ids.get(i), p.nowMillis(), p.from(), p.type(), p.body()));
        }
        CompletionBatch completions = database.completions();
        try {
            completions.run(() -> {
                for (int i = 0; i < appends.size(); i++) {
                    try {
                        appends.get(i).whenVisible().accept(stored.get(i));
                    } catch (Throwable e) {
                        // The early fan-out is the caller's concern; the batch's sync and acknowledgements must go on.
                        log.error("the fan-out of a committed room message failed", e);
                    }
                }
            });
        } catch (Throwable e) {
            // As above: handing the fan-outs on (to the event loops) is the caller's concern too.
            log.error("handing on the fan-outs of a group commit failed", e);
        }
        syncer.committed(!queue.isEmpty(), () -> {
            try {
                completions.run(() -> batch.acknowledge(stored));
            } finally {
                batch.failUnanswered(null); // only if the callbacks did not run to their end: never silence
            }
        }, failure -> fail(batch, failure));
    }

    /** Fails a batch's appends, as one batch of callbacks ({@link CompletionBatch}), and those still unanswered in any case. */
    private void fail(Batch batch, StoreException failure) {
        try {
            database.completions().run(() -> batch.fail(failure));
        } finally {
            batch.fail(failure);
        }
    }

    /**
     * One transaction's appends, taken off the queue's count exactly once however often (and from
     * however many guards) they are answered; an append already answered keeps its answer.
     */
    private final class Batch {
        final List<Pending> appends = new ArrayList<>();
        private final AtomicBoolean counted = new AtomicBoolean();

        void acknowledge(List<StoredMessage> stored) {
            uncount();
            for (int i = 0; i < appends.size(); i++) {
                appends.get(i).result().complete(stored.get(i));
            }
        }

        void fail(StoreException failure) {
            uncount();
            appends.forEach(p -> p.result().completeExceptionally(failure));
        }

        /** Fails the appends not yet answered, if any, for {@code cause} (null: an answer that did not finish). */
        void failUnanswered(Throwable cause) {
            if (appends.stream().allMatch(p -> p.result().isDone())) {
                uncount();
                return;
            }
            fail(cause instanceof StoreException s ? s
                    : new StoreException("store a room message: its answer failed unexpectedly", cause));
        }

        private void uncount() {
            if (counted.compareAndSet(false, true)) {
                queued.addAndGet(-appends.size());
            }
        }
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
        List<StoredSend> sends = new ArrayList<>(0);
        for (int i = 0; i < n; i++) {
            ids.add(first + i);
            Pending p = batch.get(i);
            if (p.send().isPresent()) {
                sends.add(new StoredSend(p.send().get(), first + i, p.nowMillis()));
            }
        }
        sendIds.insert(connection, SchemaSendBatches.ROOM_MESSAGES, sends);
        sendIds.pruneIfDue(connection, batch.getLast().nowMillis());
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
        Pending p;
        while ((p = queue.poll()) != null) {
            queued.decrementAndGet();
            p.result().completeExceptionally(failure);
        }
    }

    private record Pending(String roomKey, String from, ContentType type, Bytes body, long nowMillis,
                           Optional<SendMark> send, Consumer<StoredMessage> whenVisible, CompletableFuture<StoredMessage> result) {
    }
}
