package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.SendId;

/**
 * The {@code send_batches} table ({@link SchemaSendBatches}): the sends made once that a
 * transaction stores (a group commit's room messages, or one send of envelopes) are written in that
 * transaction as one row, so a committed message always has its send id committed with it, with no
 * new transaction or round trip of its own.
 *
 * <p>Rows whose newest send is older than {@link SendMark#KEPT} are deleted by a range
 * {@code DELETE} at the left edge of the table's key (the time) inside those same transactions, at
 * most once every {@value #PRUNE_EVERY_MILLIS} ms: each deletes what was stored in about that long,
 * and at most about {@value #PRUNE_AT_MOST} rows (the oldest, with any stored in the same
 * millisecond as the last of them), adding no commit. A prune that reached that bound runs again
 * with the next write: after a stretch of ten minutes or more without writes, the first write
 * would otherwise delete every row of the ten minutes before it at once, holding the writer (and
 * every room message waiting for its commit) for as long. {@link #recent} deletes them all when
 * the server starts.
 *
 * <p>The statements are prepared once on the writer's connection; writer thread only.
 */
final class SendIdRows {
    /** The most often a write transaction also deletes the rows past {@link SendMark#KEPT}. */
    static final long PRUNE_EVERY_MILLIS = 10_000;
    /** Rows one prune deletes (about: the oldest this many, with the others of the last one's millisecond). */
    static final int PRUNE_AT_MOST = 1_000;
    private static final String PRUNE_ALL = "DELETE FROM send_batches WHERE stored_at <= ?";
    /** The cut-off, or the time of the {@value #PRUNE_AT_MOST}th oldest row if that is older: the key's prefix, no scan past it. */
    private static final String PRUNE_OLDEST = "DELETE FROM send_batches WHERE stored_at <= min(?1, coalesce("
            + "(SELECT stored_at FROM send_batches ORDER BY stored_at LIMIT 1 OFFSET ?2), ?1))";
    private static final String RECENT = "SELECT stored_at, sends FROM send_batches WHERE stored_at > ? "
            + "ORDER BY stored_at DESC, source DESC, first_id DESC";
    /** Newest first; of two stored in the same millisecond, the one read later from a newer row or later in its row. */
    private static final Comparator<Unpacked> NEWEST_FIRST =
            Comparator.comparingLong((Unpacked u) -> u.send().storedAt()).reversed()
                    .thenComparingLong(Unpacked::order);
    private Connection preparedOn;
    private PreparedStatement insert;
    private PreparedStatement pruneAll;
    private PreparedStatement pruneOldest;
    /** When the next prune is due (the sends' own clock), writer thread only. */
    private long pruneDue = Long.MIN_VALUE;

    /**
     * Writes {@code sends}, stored by one transaction from {@code source}
     * ({@link SchemaSendBatches#ROOM_MESSAGES} or {@link SchemaSendBatches#ENVELOPES}) in the order
     * of their answered ids, as one row in the caller's transaction on the writer connection.
     */
    void insert(Connection writer, int source, List<StoredSend> sends) throws SQLException {
        if (sends.isEmpty()) {
            return;
        }
        prepare(writer);
        insertRow(insert, source, sends.getFirst().answeredId(), sends);
    }

    /**
     * One row of {@code sends} (at most {@link SendBatchCodec#MAX_SENDS}) through {@code insert}
     * ({@link SchemaSendBatches#INSERT}); its time is the newest send's.
     */
    static void insertRow(PreparedStatement insert, int source, long firstId, List<StoredSend> sends)
            throws SQLException {
        long newest = Long.MIN_VALUE;
        for (StoredSend send : sends) {
            newest = Math.max(newest, send.storedAt());
        }
        byte[] packed;
        try {
            packed = SendBatchCodec.encode(sends);
        } catch (IllegalArgumentException e) {
            throw new SQLException("the send ids of one transaction cannot be stored", e);
        }
        insert.setLong(1, newest);
        insert.setInt(2, source);
        insert.setLong(3, firstId);
        insert.setBytes(4, packed);
        // A batch of one, not executeUpdate: the driver follows every executeUpdate of an INSERT with a
        // "SELECT last_insert_rowid()" it prepares anew (its generated keys), about 40 µs of a lone commit.
        insert.addBatch();
        try {
            insert.executeBatch();
        } finally {
            insert.clearBatch(); // a failed batch leaves no row queued for the next one
        }
    }

    /**
     * In the caller's transaction: deletes the rows past {@link SendMark#KEPT} at {@code nowMillis},
     * about {@value #PRUNE_AT_MOST} at most, if the last prune was {@value #PRUNE_EVERY_MILLIS} ms
     * ago or more (by that clock) or reached that bound.
     */
    void pruneIfDue(Connection writer, long nowMillis) throws SQLException {
        if (nowMillis < pruneDue) {
            return;
        }
        // Set first: a prune that fails (and rolls back its transaction) is tried again later, not by every write.
        pruneDue = nowMillis + PRUNE_EVERY_MILLIS;
        prepare(writer);
        pruneOldest.setLong(1, nowMillis - SendMark.KEPT.toMillis());
        pruneOldest.setInt(2, PRUNE_AT_MOST - 1);
        if (pruneOldest.executeUpdate() >= PRUNE_AT_MOST) {
            pruneDue = nowMillis; // more may be past their time: the next write goes on
        }
    }

    /**
     * Deletes every row whose sends were all stored at {@code sinceMillis} or before, then returns
     * the sends stored after it, newest first, in one write transaction: each (account, send id)
     * once (its newest), at most {@code perAccount} of one account (its newest) and {@code total} in
     * all (the newest). Reads past the bounds to the end of the table, holding what it returns and
     * the sends of the rows read that are older than the row being read (a row's key is its newest
     * send, so those can only wait for rows further on); a row that does not unpack is a
     * {@link StoreException}.
     */
    List<StoredSend> recent(SqliteDatabase database, long sinceMillis, int perAccount, int total)
            throws StoreException {
        return database.write("read the recent send ids", connection -> {
            prepare(connection);
            pruneAll.setLong(1, sinceMillis);
            pruneAll.executeUpdate();
            Bounded kept = new Bounded(perAccount, total);
            PriorityQueue<Unpacked> waiting = new PriorityQueue<>(NEWEST_FIRST);
            long order = 0;
            try (PreparedStatement query = connection.prepareStatement(RECENT)) {
                query.setLong(1, sinceMillis);
                try (ResultSet rows = query.executeQuery()) {
                    while (!kept.full() && rows.next()) {
                        long rowStoredAt = rows.getLong(1);
                        // Every send of this row and the rows after it was stored at rowStoredAt or before.
                        while (!waiting.isEmpty() && waiting.peek().send().storedAt() > rowStoredAt) {
                            kept.offer(waiting.poll().send());
                        }
                        List<StoredSend> sends = SendBatchCodec.decode(rows.getBytes(2), rowStoredAt);
                        for (StoredSend send : sends.reversed()) {
                            if (send.storedAt() > sinceMillis) {
                                waiting.add(new Unpacked(send, order++));
                            }
                        }
                    }
                }
            }
            while (!kept.full() && !waiting.isEmpty()) {
                kept.offer(waiting.poll().send());
            }
            return kept.sends();
        });
    }

    /** A send read from version 6's {@code send_ids} (stored_at, account, send_id, digest, answered_id). */
    static StoredSend oldRow(ResultSet rows) throws SQLException, StoreException {
        try {
            SendMark mark = new SendMark(rows.getString(2), new SendId(blob(rows.getBytes(3))),
                    blob(rows.getBytes(4)));
            return new StoredSend(mark, rows.getLong(5), rows.getLong(1));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException("a malformed send id in the database", e);
        }
    }

    /** SQLite hands back a zero-length blob as null. */
    private static Bytes blob(byte[] stored) {
        return stored == null ? Bytes.empty() : Bytes.wrapOwned(stored);
    }

    private void prepare(Connection writer) throws SQLException {
        if (preparedOn != writer) {
            insert = writer.prepareStatement(SchemaSendBatches.INSERT);
            pruneAll = writer.prepareStatement(PRUNE_ALL);
            pruneOldest = writer.prepareStatement(PRUNE_OLDEST);
            preparedOn = writer;
        }
    }

    /** A send waiting to be offered, with the order it was read in (newest row first, last in its row first). */
    private record Unpacked(StoredSend send, long order) {
    }

    /** The sends kept, offered newest first: each (account, send id) once, within both bounds. */
    private static final class Bounded {
        private final int perAccount;
        private final int total;
        private final List<StoredSend> kept = new ArrayList<>();
        private final Map<String, Integer> ofAccount = new HashMap<>();
        private final Set<List<Object>> seen = new HashSet<>();

        Bounded(int perAccount, int total) {
            this.perAccount = perAccount;
            this.total = total;
        }

        boolean full() {
            return kept.size() >= total;
        }

        void offer(StoredSend send) {
            String account = send.mark().account();
            if (!full() && ofAccount.getOrDefault(account, 0) < perAccount
                    && seen.add(List.of(account, send.mark().sendId()))) {
                ofAccount.merge(account, 1, Integer::sum);
                kept.add(send);
            }
        }

        List<StoredSend> sends() {
            return List.copyOf(kept);
        }
    }
}
