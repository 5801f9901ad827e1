package org.parley.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/**
 * {@link MessageStore} on the SQLite schema: one table for room and private messages, paged
 * newest-first by id, plus a per-user delivery cursor for private messages sent while offline.
 *
 * <p>Senders and recipients are kept as given (what readers see); rooms and users are matched by
 * {@link ConversationKey}. An append returns only after its transaction committed.
 *
 * <p><b>Security.</b> Bodies are opaque bytes, bound as parameters and never put in a message or
 * log. Private history is selected by the ordered pair of both parties' keys, so a third user's
 * messages cannot match.
 */
final class SqlMessages implements MessageStore {

    private static final String MESSAGE_COLUMNS = "id, ts, sender, content_type, body";
    /** Private messages to one user after their delivery cursor (uses the partial index {@code messages_by_recipient}). */
    static final String UNDELIVERED_PRIVATE = "SELECT " + MESSAGE_COLUMNS + ", recipient"
            + " FROM messages WHERE recipient_key = ? AND id > coalesce("
            + "(SELECT delivered_id FROM delivery_cursors WHERE user = ?), 0) ORDER BY id ASC LIMIT ?";
    /** A page of the history between two users, newest first (uses the partial index {@code messages_by_pair}). */
    static final String PRIVATE_HISTORY = "SELECT " + MESSAGE_COLUMNS + " FROM messages "
            + "WHERE pair_low = ? AND pair_high = ? AND id < ? ORDER BY id DESC LIMIT ?";

    /** Room messages waiting for their group commit before new ones are refused as overloaded. */
    static final int MAX_UNCOMMITTED = 10_000;
    private final SqliteDatabase database;
    private final GroupCommit groupCommit;
    private final PendingRecipients pending;
    private final SendIdRows sendIds;

    /** {@code sendIds}: the store's send ids, shared with the envelopes' writes ({@link SqlE2e}). */
    SqlMessages(SqliteDatabase database, SendIdRows sendIds) throws StoreException {
        this.database = database;
        this.sendIds = sendIds;
        this.pending = PendingRecipients.load(database);
        this.groupCommit = new GroupCommit(database, MAX_UNCOMMITTED, sendIds);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type, Bytes body,
                                                                   long nowMillis) {
        return groupCommit.append(room, from, type, body, nowMillis);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type, Bytes body,
                                                                   long nowMillis, Consumer<StoredMessage> whenVisible) {
        return groupCommit.append(room, from, type, body, nowMillis, whenVisible);
    }

    @Override
    public CompletableFuture<StoredMessage> appendRoomMessageLater(String room, String from, ContentType type, Bytes body,
            long nowMillis, Optional<SendMark> send, Consumer<StoredMessage> whenVisible) {
        return groupCommit.append(room, from, type, body, nowMillis, send, whenVisible);
    }

    @Override
    public List<StoredSend> recentSends(long sinceMillis, int perAccount, int total) throws StoreException {
        return sendIds.recent(database, sinceMillis, perAccount, total);
    }

    @Override
    public StoredMessage appendRoomMessage(String room, String from, ContentType type, Bytes body, long nowMillis)
            throws StoreException {
        return database.write("store a room message", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages "
                    + "(kind, room, sender, ts, content_type, body) VALUES ('ROOM', ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, ConversationKey.of(room));
                insert.setString(2, from);
                insert.setLong(3, nowMillis);
                insert.setString(4, type.name());
                insert.setBytes(5, body.toByteArray());
                insert.executeUpdate();
                return new StoredMessage(generatedId(insert), nowMillis, from, type, body);
            }
        });
    }

    @Override
    public StoredMessage appendPrivateMessage(String from, String to, ContentType type, Bytes body, long nowMillis)
            throws StoreException {
        String[] pair = ConversationKey.pair(from, to);
        String recipientKey = ConversationKey.of(to);
        pending.storing(recipientKey); // before the insert and again after its commit: see PendingRecipients
        StoredMessage stored = database.write("store a private message", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (kind, sender, "
                    + "recipient, recipient_key, pair_low, pair_high, ts, content_type, body) "
                    + "VALUES ('PRIVATE', ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, from);
                insert.setString(2, to);
                insert.setString(3, recipientKey);
                insert.setString(4, pair[0]);
                insert.setString(5, pair[1]);
                insert.setLong(6, nowMillis);
                insert.setString(7, type.name());
                insert.setBytes(8, body.toByteArray());
                insert.executeUpdate();
                return new StoredMessage(generatedId(insert), nowMillis, from, type, body);
            }
        });
        pending.storing(recipientKey);
        return stored;
    }

    @Override
    public List<StoredMessage> roomHistory(String room, long beforeId, int limit) throws StoreException {
        requireLimit(limit);
        return database.read("read room history", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM messages "
                    + "WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?")) {
                query.setString(1, ConversationKey.of(room));
                query.setLong(2, beforeId);
                query.setInt(3, limit);
                return messages(query, null);
            }
        });
    }

    @Override
    public List<StoredMessage> privateHistory(String userA, String userB, long beforeId, int limit)
            throws StoreException {
        requireLimit(limit);
        String[] pair = ConversationKey.pair(userA, userB);
        return database.read("read private history", connection -> {
            try (PreparedStatement query = connection.prepareStatement(PRIVATE_HISTORY)) {
                query.setString(1, pair[0]);
                query.setString(2, pair[1]);
                query.setLong(3, beforeId);
                query.setInt(4, limit);
                return messages(query, null);
            }
        });
    }

    @Override
    public List<PrivateEnvelope> undeliveredPrivate(String user, int limit) throws StoreException {
        requireLimit(limit);
        String key = ConversationKey.of(user);
        long stamp = pending.stampOf(key);
        if (stamp == PendingRecipients.NONE || limit == 0) {
            return List.of(); // nothing waits: no query at this login (issue 13)
        }
        // Run at every login whose user has messages waiting, so kept prepared on each pooled read connection.
        List<PrivateEnvelope> found = database.readPrepared("read undelivered messages", UNDELIVERED_PRIVATE, query -> {
            query.setString(1, key);
            query.setString(2, key);
            query.setInt(3, limit);
            List<String> recipients = new ArrayList<>();
            List<StoredMessage> messages = messages(query, recipients);
            List<PrivateEnvelope> envelopes = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                envelopes.add(new PrivateEnvelope(recipients.get(i), messages.get(i)));
            }
            return envelopes;
        });
        if (found.isEmpty()) {
            pending.foundNone(key, stamp);
        }
        return found;
    }

    @Override
    public void markDelivered(String user, long messageId) throws StoreException {
        database.write("mark messages delivered", connection -> {
            // max() keeps the cursor from moving backwards when two sessions acknowledge out of order.
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO delivery_cursors "
                    + "(user, delivered_id) VALUES (?, ?) ON CONFLICT (user) DO UPDATE SET "
                    + "delivered_id = max(delivered_id, excluded.delivered_id)")) {
                upsert.setString(1, ConversationKey.of(user));
                upsert.setLong(2, messageId);
                return upsert.executeUpdate();
            }
        });
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }

    private static long generatedId(PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("SQLite returned no id for the new message");
            }
            return keys.getLong(1);
        }
    }

    /** SQLite hands back a zero-length blob as null. */
    private static Bytes blob(byte[] stored) {
        return stored == null ? Bytes.empty() : Bytes.wrapOwned(stored);
    }

    /** Reads the query's messages; when {@code recipients} is not null, also collects the recipient column. */
    private static List<StoredMessage> messages(PreparedStatement query, List<String> recipients)
            throws SQLException, StoreException {
        try (ResultSet rows = query.executeQuery()) {
            List<StoredMessage> messages = new ArrayList<>();
            while (rows.next()) {
                messages.add(new StoredMessage(rows.getLong("id"), rows.getLong("ts"), rows.getString("sender"),
                        StoredEnum.parse(ContentType.values(), rows.getString("content_type"), "content type"),
                        blob(rows.getBytes("body"))));
                if (recipients != null) {
                    recipients.add(rows.getString("recipient"));
                }
            }
            return messages;
        }
    }
}
