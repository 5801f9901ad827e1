package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.SendId;

/**
 * The {@code send_ids} table ({@link SchemaSendIds}): a send made once is written in the
 * transaction that stores its message (the group commit) or its envelopes, so a committed message
 * always has its send id committed with it, with no new transaction or round trip of its own.
 *
 * <p>Rows older than {@link SendMark#KEPT} are deleted by a range {@code DELETE} at the left edge of
 * the table's key (the time) inside those same transactions, at most once every
 * {@value #PRUNE_EVERY_MILLIS} ms: each deletes what was stored in about that long, so its cost is
 * bounded by the send rate (itself bounded by the rate limits and the commit queue) and adds no
 * commit. {@link #recent} deletes them all when the server starts.
 *
 * <p>The statements are prepared once on the writer's connection; writer thread only.
 */
final class SendIdRows {
    /** The most often a write transaction also deletes the rows past {@link SendMark#KEPT}. */
    static final long PRUNE_EVERY_MILLIS = 10_000;
    /** The same send id stored again in the same millisecond (its first forgotten) replaces its row. */
    private static final String INSERT = "INSERT OR REPLACE INTO send_ids "
            + "(stored_at, account, send_id, digest, answered_id) VALUES (?, ?, ?, ?, ?)";
    private static final String PRUNE = "DELETE FROM send_ids WHERE stored_at <= ?";
    private static final String RECENT = "SELECT stored_at, account, send_id, digest, answered_id FROM send_ids "
            + "WHERE stored_at > ? ORDER BY stored_at DESC";
    private Connection preparedOn;
    private PreparedStatement insert;
    private PreparedStatement prune;
    /** When the next prune is due (the sends' own clock), writer thread only. */
    private long pruneDue = Long.MIN_VALUE;

    /** Writes {@code sends} in the caller's transaction on the writer connection. */
    void insert(Connection writer, List<StoredSend> sends) throws SQLException {
        if (sends.isEmpty()) {
            return;
        }
        prepare(writer);
        try {
            for (StoredSend send : sends) {
                insert.setLong(1, send.storedAt());
                insert.setString(2, send.mark().account());
                insert.setBytes(3, send.mark().sendId().value().toByteArray());
                insert.setBytes(4, send.mark().digest().toByteArray());
                insert.setLong(5, send.answeredId());
                insert.addBatch();
            }
            insert.executeBatch();
        } finally {
            insert.clearBatch(); // a failed batch leaves no rows queued for the next one
        }
    }

    /**
     * In the caller's transaction: deletes the rows past {@link SendMark#KEPT} at {@code nowMillis}
     * if the last prune was {@value #PRUNE_EVERY_MILLIS} ms ago or more (by that clock).
     */
    void pruneIfDue(Connection writer, long nowMillis) throws SQLException {
        if (nowMillis < pruneDue) {
            return;
        }
        // Set first: a prune that fails (and rolls back its transaction) is tried again later, not by every write.
        pruneDue = nowMillis + PRUNE_EVERY_MILLIS;
        prepare(writer);
        prune.setLong(1, nowMillis - SendMark.KEPT.toMillis());
        prune.executeUpdate();
    }

    /**
     * Deletes every row stored at {@code sinceMillis} or before, then returns the sends stored after
     * it, newest first, in one write transaction: each (account, send id) once (its newest row), at
     * most {@code perAccount} of one account (its newest) and {@code total} in all (the newest). Reads
     * past the bounds to the end of the table, holding only what it returns.
     */
    List<StoredSend> recent(SqliteDatabase database, long sinceMillis, int perAccount, int total)
            throws StoreException {
        return database.write("read the recent send ids", connection -> {
            prepare(connection);
            prune.setLong(1, sinceMillis);
            prune.executeUpdate();
            List<StoredSend> kept = new ArrayList<>();
            Map<String, Integer> ofAccount = new HashMap<>();
            Set<List<Object>> seen = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement(RECENT)) {
                query.setLong(1, sinceMillis);
                try (ResultSet rows = query.executeQuery()) {
                    while (kept.size() < total && rows.next()) {
                        StoredSend send = row(rows);
                        String account = send.mark().account();
                        if (ofAccount.getOrDefault(account, 0) < perAccount
                                && seen.add(List.of(account, send.mark().sendId()))) {
                            ofAccount.merge(account, 1, Integer::sum);
                            kept.add(send);
                        }
                    }
                }
            }
            return List.copyOf(kept);
        });
    }

    private static StoredSend row(ResultSet rows) throws SQLException, StoreException {
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
            insert = writer.prepareStatement(INSERT);
            prune = writer.prepareStatement(PRUNE);
            preparedOn = writer;
        }
    }
}
