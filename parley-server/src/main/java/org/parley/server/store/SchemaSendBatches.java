package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Version 7 of the store's schema: the send ids of sends made once (docs/PROTOCOL.md 14.5,
 * "Sending once") as one row per transaction instead of one per send ({@link SendIdRows}).
 *
 * <p>Version 6's {@code send_ids} ({@link SchemaSendIds}) cost a group commit of 64 messages sent
 * once about 8 µs of the writer's CPU per message (docs/PERFORMANCE.md, 2026-12-07): one B-tree
 * insert and six bound values, a native step and a reset for each send. Here a transaction's sends
 * are packed into one BLOB ({@link SendBatchCodec}) and written with one INSERT of four values: a
 * group commit of sends made once writes one row, whatever its size. The reasons for a table of its
 * own, keyed by time first and {@code WITHOUT ROWID}, are version 6's: its rows are needed only
 * {@link SendMark#KEPT}, envelopes have them too, new rows go to the right edge of one B-tree and
 * the rows to delete are a range at its left edge.
 *
 * <p>The key: {@code stored_at} is the newest time of the row's sends (each send keeps its own in
 * the BLOB), so the range DELETE removes a row only once every send in it is past its time;
 * {@code source} and {@code first_id} keep two transactions of the same millisecond apart: the
 * first send's answered id, unique within its {@code source} (room message ids and envelope ids are
 * separate {@code AUTOINCREMENT} sequences, never reused), or for a row converted from version 6
 * its number in the conversion.
 *
 * <p>The migration converts {@code send_ids} in its own transaction, the rows of each millisecond
 * into one row (at most {@link SendBatchCodec#MAX_SENDS} sends each), and drops it: a send id
 * stored before the upgrade is still answered after it.
 */
final class SchemaSendBatches {
    static final String CREATE = """
            CREATE TABLE send_batches (
              stored_at  INTEGER NOT NULL,
              source     INTEGER NOT NULL,
              first_id   INTEGER NOT NULL,
              sends      BLOB NOT NULL,
              PRIMARY KEY (stored_at, source, first_id)
            ) WITHOUT ROWID""";
    /** The rows of the insert's {@code source} column. */
    static final int ROOM_MESSAGES = 0;
    static final int ENVELOPES = 1;
    static final int CONVERTED = 2;
    static final String INSERT = "INSERT INTO send_batches (stored_at, source, first_id, sends) VALUES (?, ?, ?, ?)";

    private SchemaSendBatches() {
    }

    /** Creates the table, converts version 6's rows and drops them; in the migration's transaction. */
    static void apply(Connection writer) throws SQLException, StoreException {
        try (Statement statement = writer.createStatement()) {
            statement.execute(CREATE);
        }
        try (PreparedStatement insert = writer.prepareStatement(INSERT);
             PreparedStatement old = writer.prepareStatement("SELECT stored_at, account, send_id, digest, answered_id "
                     + "FROM send_ids ORDER BY stored_at, answered_id");
             ResultSet rows = old.executeQuery()) {
            List<StoredSend> group = new ArrayList<>();
            long number = 0;
            while (rows.next()) {
                StoredSend send = SendIdRows.oldRow(rows);
                if (!group.isEmpty() && (group.getLast().storedAt() != send.storedAt()
                        || group.size() == SendBatchCodec.MAX_SENDS)) {
                    SendIdRows.insertRow(insert, CONVERTED, ++number, group);
                    group.clear();
                }
                group.add(send);
            }
            if (!group.isEmpty()) {
                SendIdRows.insertRow(insert, CONVERTED, ++number, group);
            }
        }
        try (Statement statement = writer.createStatement()) {
            statement.execute("DROP TABLE send_ids");
        }
    }
}
