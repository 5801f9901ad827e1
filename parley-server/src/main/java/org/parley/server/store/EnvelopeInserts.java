package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes that queue a send's envelopes ({@link SqlE2e#enqueue}), prepared once on the writer's
 * connection rather than for every send (preparing costs SQLite several times running), and each
 * envelope's id read with {@code RETURNING id}: sqlite-jdbc answers {@code getGeneratedKeys} by
 * preparing and running {@code SELECT last_insert_rowid()} anew after every INSERT. Writer thread only.
 */
final class EnvelopeInserts {
    private static final String INSERT = "INSERT INTO e2e_envelopes (account, device_id, sender, sender_device, ts, "
            + "envelope) VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
    private static final String CONTACTS = "INSERT OR IGNORE INTO e2e_contacts (account, peer) VALUES (?, ?), (?, ?)";
    private Connection preparedOn;
    private PreparedStatement insert;
    private PreparedStatement contacts;

    /** Inserts {@code envelopes} in the caller's transaction and returns their ids, in order. */
    List<Long> envelopes(Connection writer, String sender, long senderDevice, List<NewEnvelope> envelopes,
            long nowMillis) throws SQLException {
        prepare(writer);
        List<Long> ids = new ArrayList<>(envelopes.size());
        for (NewEnvelope envelope : envelopes) {
            insert.setString(1, envelope.account());
            insert.setLong(2, envelope.deviceId());
            insert.setString(3, sender);
            insert.setLong(4, senderDevice);
            insert.setLong(5, nowMillis);
            insert.setBytes(6, envelope.envelope().toByteArray());
            try (ResultSet rows = insert.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("SQLite returned no id for a queued envelope");
                }
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /** Records, in the caller's transaction, that the two accounts have exchanged envelopes. */
    void contacts(Connection writer, String one, String other) throws SQLException {
        prepare(writer);
        contacts.setString(1, one);
        contacts.setString(2, other);
        contacts.setString(3, other);
        contacts.setString(4, one);
        contacts.executeUpdate();
    }

    private void prepare(Connection writer) throws SQLException {
        if (preparedOn != writer) {
            insert = writer.prepareStatement(INSERT);
            contacts = writer.prepareStatement(CONTACTS);
            preparedOn = writer;
        }
    }
}
