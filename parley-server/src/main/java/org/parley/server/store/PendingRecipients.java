package org.parley.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The users who may have private messages past their delivery cursor, kept in memory so that a
 * login whose account has none (almost every login: new private messages travel as end-to-end
 * envelopes, which have their own queue) skips the undelivered-messages query (issue 13).
 *
 * <p>Each user key in the set carries a stamp, which changes whenever a private message to that
 * user is stored: once before its insert and once after its commit. A key leaves the set only
 * through {@link #foundNone}, which the store calls when a query for that user, begun after the
 * stamp was read, found nothing; the removal happens only if the stamp is still the one read.
 * So a message that commits after the stamp was read changes it and keeps its key, and a message
 * that committed before is seen by the query. The set can hold a key too many (a failed insert,
 * a cursor moved by another session), which costs one query that finds nothing and removes it;
 * it never lacks a key whose user has a message waiting.
 *
 * <p>Loaded once when the store opens, by one scan of the {@code messages_by_recipient} index.
 * Thread-safe.
 */
final class PendingRecipients {
    /** Users with a private message after their delivery cursor (uses the partial index {@code messages_by_recipient}). */
    static final String WITH_UNDELIVERED = "SELECT DISTINCT recipient_key FROM messages WHERE recipient_key IS NOT NULL"
            + " AND id > coalesce((SELECT delivered_id FROM delivery_cursors WHERE user = recipient_key), 0)";
    /** Returned by {@link #stampOf} for a user with nothing waiting. */
    static final long NONE = 0;

    private final ConcurrentHashMap<String, Long> stamps = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong(NONE);

    /** The users who have private messages waiting in {@code database} now. */
    static PendingRecipients load(SqliteDatabase database) throws StoreException {
        PendingRecipients pending = new PendingRecipients();
        database.read("find users with undelivered messages", connection -> {
            try (PreparedStatement query = connection.prepareStatement(WITH_UNDELIVERED);
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pending.storing(rows.getString(1));
                }
                return null;
            }
        });
        return pending;
    }

    /** A private message to {@code userKey} is about to be stored, or has just been committed. */
    void storing(String userKey) {
        stamps.put(userKey, clock.incrementAndGet());
    }

    /** The stamp to pass to {@link #foundNone} after a query for {@code userKey}; {@link #NONE} when nothing waits. */
    long stampOf(String userKey) {
        Long stamp = stamps.get(userKey);
        return stamp == null ? NONE : stamp;
    }

    /** A query begun after {@code stamp} was read found nothing for {@code userKey}. */
    void foundNone(String userKey, long stamp) {
        stamps.remove(userKey, stamp);
    }
}
