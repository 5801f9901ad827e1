package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What opening the store does after the previous process ended without closing it (its
 * write-ahead log is still there: a crash, {@code kill -9}, a power failure).
 *
 * <p>A group commit of room messages is shown to the other members before its fsync (see
 * ARCHITECTURE.md, "Durability and the order of a room message"). After a power failure at that
 * moment the batch is gone from the file, ids included, and SQLite would hand the same ids to the
 * next messages, which clients that saw the lost ones would take for messages already shown. So
 * the message id sequence skips {@link LogSyncer#MAX_UNSYNCED} ids, the most that can be committed
 * but not yet synced at any time (the writer waits before it commits more). Ids stay unique and
 * increasing; a gap in them means nothing.
 */
final class UncleanEnd {
    private UncleanEnd() {
    }

    /** Moves the next message id past any the lost batch could have used. Runs on the writer, outside a transaction. */
    static void skipUnsyncedMessageIds(Connection writer) throws SQLException, StoreException {
        OpeningTransaction.run(writer, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO sqlite_sequence (name, seq) SELECT 'messages', 0 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'messages')");
            }
            try (PreparedStatement skip = connection.prepareStatement(
                    "UPDATE sqlite_sequence SET seq = seq + ? WHERE name = 'messages'")) {
                skip.setInt(1, LogSyncer.MAX_UNSYNCED);
                skip.executeUpdate();
            }
            return null;
        });
    }
}
