package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.PrekeyBundle;
import org.parley.protocol.chat.QueuedEnvelope;

/**
 * {@link E2eStore} on the SQLite schema of {@link SchemaE2eTables}.
 *
 * <p>Handing out bundles and queueing a send are each one write transaction, so a one-time prekey
 * is either handed out and deleted or neither, and a send is either queued for every device or
 * for none. Over 200 lines because the store's end-to-end statements belong together; the
 * envelope queue is the part that would move out first.
 *
 * <p><b>Security.</b> Every statement is prepared; blobs are bound, never printed. The queue of a
 * device is always selected and deleted by (account, device), so one device cannot read or
 * delete another's envelopes by guessing ids.
 */
final class SqlE2e implements E2eStore {
    private final SqliteDatabase database;
    private final SendIdRows sendIds;
    private final EnvelopeInserts inserts = new EnvelopeInserts();

    /** {@code sendIds}: the store's send ids, shared with the room messages' group commit. */
    SqlE2e(SqliteDatabase database, SendIdRows sendIds) {
        this.database = database;
        this.sendIds = sendIds;
    }

    @Override
    public List<DeviceInfo> devices(String account) throws StoreException {
        return database.read("list devices", connection -> devices(connection, account));
    }

    @Override
    public List<List<DeviceInfo>> devices(List<String> accounts) throws StoreException {
        return database.read("list devices of several accounts", connection -> {
            List<List<DeviceInfo>> lists = new ArrayList<>(accounts.size());
            for (String account : accounts) {
                lists.add(devices(connection, account));
            }
            return List.copyOf(lists);
        });
    }

    @Override
    public long addDevice(String account, Bytes identity, Bytes signingKey, String name, long nowMillis,
                          StoredPrekey signed, StoredPrekey lastResort) throws StoreException {
        return database.write("add a device", connection -> {
            long id;
            try (PreparedStatement next = connection.prepareStatement("INSERT INTO e2e_device_counters (account, last_id) "
                    + "VALUES (?, 1) ON CONFLICT (account) DO UPDATE SET last_id = last_id + 1 RETURNING last_id")) {
                next.setString(1, account);
                try (ResultSet rows = next.executeQuery()) {
                    rows.next();
                    id = rows.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO e2e_devices (account, device_id, "
                    + "identity, signing_key, name, added_at, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, account);
                insert.setLong(2, id);
                insert.setBytes(3, identity.toByteArray());
                insert.setBytes(4, signingKey.toByteArray());
                insert.setString(5, name);
                insert.setLong(6, nowMillis);
                insert.setLong(7, nowMillis);
                insert.executeUpdate();
            }
            insertPrekey(connection, account, id, signed);
            insertPrekey(connection, account, id, lastResort);
            return id;
        });
    }

    @Override
    public boolean removeDevice(String account, long deviceId) throws StoreException {
        return database.write("remove a device", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM e2e_devices WHERE account = ? AND device_id = ?")) {
                delete.setString(1, account);
                delete.setLong(2, deviceId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void touchDevice(String account, long deviceId, long nowMillis) throws StoreException {
        database.write("update a device's last-seen time", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE e2e_devices SET last_seen = ? WHERE account = ? AND device_id = ?")) {
                update.setLong(1, nowMillis);
                update.setString(2, account);
                update.setLong(3, deviceId);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public PrekeyPools storePrekeys(String account, long deviceId, Optional<StoredPrekey> signed,
                                    List<StoredPrekey> oneTime, Optional<StoredPrekey> lastResort) throws StoreException {
        return database.write("store prekeys", connection -> {
            for (Optional<StoredPrekey> replacing : List.of(signed, lastResort)) {
                if (replacing.isPresent()) {
                    deleteKind(connection, account, deviceId, replacing.get().kind());
                    insertPrekey(connection, account, deviceId, replacing.get());
                }
            }
            for (StoredPrekey record : oneTime) {
                insertPrekey(connection, account, deviceId, record);
            }
            return pools(connection, account, deviceId);
        });
    }

    @Override
    public PrekeyPools pools(String account, long deviceId) throws StoreException {
        return database.read("count prekeys", connection -> pools(connection, account, deviceId));
    }

    @Override
    public List<PrekeyBundle> takeBundles(String account, boolean withOneTime) throws StoreException {
        return database.write("hand out prekey bundles", connection -> takeBundles(connection, account, withOneTime));
    }

    @Override
    public List<List<PrekeyBundle>> takeBundles(List<BundleTake> takes) throws StoreException {
        return database.write("hand out prekey bundles of several accounts", connection -> {
            List<List<PrekeyBundle>> lists = new ArrayList<>(takes.size());
            for (BundleTake take : takes) {
                lists.add(takeBundles(connection, take.account(), take.oneTime()));
            }
            return List.copyOf(lists);
        });
    }

    private static List<PrekeyBundle> takeBundles(Connection connection, String account, boolean withOneTime)
            throws SQLException, StoreException {
        List<PrekeyBundle> bundles = new ArrayList<>();
        for (DeviceInfo device : devices(connection, account)) {
            long id = device.deviceId();
            Bytes signed = take(connection, account, id, PrekeyKind.SIGNED_X25519, false).orElseThrow(
                    () -> new StoreException("device " + id + " has no signed prekey"));
            Optional<Bytes> oneTime = withOneTime
                    ? take(connection, account, id, PrekeyKind.ONE_TIME_X25519, true) : Optional.empty();
            Optional<Bytes> kem = withOneTime
                    ? take(connection, account, id, PrekeyKind.ONE_TIME_KEM, true) : Optional.empty();
            if (kem.isEmpty()) {
                kem = take(connection, account, id, PrekeyKind.LAST_RESORT_KEM, false);
            }
            bundles.add(new PrekeyBundle(id, device.identity(), signed, oneTime, kem.orElseThrow(
                    () -> new StoreException("device " + id + " has no last-resort prekey"))));
        }
        return List.copyOf(bundles);
    }

    @Override
    public List<Long> enqueue(String sender, long senderDevice, String senderAccount, String peerAccount,
                              List<NewEnvelope> envelopes, long nowMillis, Optional<SendMark> send)
            throws StoreException {
        return database.write("queue envelopes", connection -> {
            List<Long> ids = inserts.envelopes(connection, sender, senderDevice, envelopes, nowMillis);
            if (send.isPresent() && !ids.isEmpty()) {
                sendIds.insert(connection, SchemaSendBatches.ENVELOPES,
                        List.of(new StoredSend(send.get(), ids.getFirst(), nowMillis)));
            }
            sendIds.pruneIfDue(connection, nowMillis);
            if (!senderAccount.equals(peerAccount)) {
                inserts.contacts(connection, senderAccount, peerAccount);
            }
            return List.copyOf(ids);
        });
    }

    @Override
    public List<QueuedEnvelope> queued(String account, long deviceId, long afterId, int limit) throws StoreException {
        return database.read("read an envelope queue", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT id, sender, sender_device, ts, envelope "
                    + "FROM e2e_envelopes WHERE account = ? AND device_id = ? AND id > ? ORDER BY id LIMIT ?")) {
                query.setString(1, account);
                query.setLong(2, deviceId);
                query.setLong(3, afterId);
                query.setInt(4, limit);
                try (ResultSet rows = query.executeQuery()) {
                    List<QueuedEnvelope> queued = new ArrayList<>();
                    while (rows.next()) {
                        queued.add(new QueuedEnvelope(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                                Bytes.wrapOwned(rows.getBytes(5))));
                    }
                    return queued;
                }
            }
        });
    }

    @Override
    public int queueLength(String account, long deviceId) throws StoreException {
        return database.read("count an envelope queue", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT count(*) FROM e2e_envelopes WHERE account = ? AND device_id = ?")) {
                query.setString(1, account);
                query.setLong(2, deviceId);
                return single(query);
            }
        });
    }

    @Override
    public int acknowledge(String account, long deviceId, List<Long> envelopeIds) throws StoreException {
        return database.write("delete acknowledged envelopes", connection -> {
            int deleted = 0;
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM e2e_envelopes WHERE id = ? AND account = ? AND device_id = ?")) {
                for (long id : envelopeIds) {
                    delete.setLong(1, id);
                    delete.setString(2, account);
                    delete.setLong(3, deviceId);
                    deleted += delete.executeUpdate();
                }
            }
            return deleted;
        });
    }

    @Override
    public List<String> contactsOf(String account) throws StoreException {
        return database.read("list contacts", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT peer FROM e2e_contacts WHERE account = ? ORDER BY peer")) {
                query.setString(1, account);
                try (ResultSet rows = query.executeQuery()) {
                    List<String> peers = new ArrayList<>();
                    while (rows.next()) {
                        peers.add(rows.getString(1));
                    }
                    return peers;
                }
            }
        });
    }

    private static List<DeviceInfo> devices(Connection connection, String account) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT device_id, identity, name, added_at, last_seen "
                + "FROM e2e_devices WHERE account = ? ORDER BY device_id")) {
            query.setString(1, account);
            try (ResultSet rows = query.executeQuery()) {
                List<DeviceInfo> devices = new ArrayList<>();
                while (rows.next()) {
                    devices.add(new DeviceInfo(rows.getLong(1), Bytes.wrapOwned(rows.getBytes(2)), rows.getString(3),
                            rows.getLong(4), rows.getLong(5)));
                }
                return devices;
            }
        }
    }

    private static void insertPrekey(Connection connection, String account, long deviceId, StoredPrekey record)
            throws SQLException {
        // A key id uploaded again replaces its record: the device decides what its ids mean.
        try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO e2e_prekeys "
                + "(account, device_id, kind, key_id, record) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, account);
            insert.setLong(2, deviceId);
            insert.setInt(3, record.kind().code());
            insert.setLong(4, record.keyId());
            insert.setBytes(5, record.record().toByteArray());
            insert.executeUpdate();
        }
    }

    private static void deleteKind(Connection connection, String account, long deviceId, PrekeyKind kind)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM e2e_prekeys WHERE account = ? AND device_id = ? AND kind = ?")) {
            delete.setString(1, account);
            delete.setLong(2, deviceId);
            delete.setInt(3, kind.code());
            delete.executeUpdate();
        }
    }

    /** The record of {@code kind} with the lowest key id, deleted if {@code consume}. */
    private static Optional<Bytes> take(Connection connection, String account, long deviceId, PrekeyKind kind,
                                        boolean consume) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT key_id, record FROM e2e_prekeys "
                + "WHERE account = ? AND device_id = ? AND kind = ? ORDER BY key_id LIMIT 1")) {
            query.setString(1, account);
            query.setLong(2, deviceId);
            query.setInt(3, kind.code());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long keyId = rows.getLong(1);
                Bytes record = Bytes.wrapOwned(rows.getBytes(2));
                if (consume) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM e2e_prekeys "
                            + "WHERE account = ? AND device_id = ? AND kind = ? AND key_id = ?")) {
                        delete.setString(1, account);
                        delete.setLong(2, deviceId);
                        delete.setInt(3, kind.code());
                        delete.setLong(4, keyId);
                        delete.executeUpdate();
                    }
                }
                return Optional.of(record);
            }
        }
    }

    private static PrekeyPools pools(Connection connection, String account, long deviceId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM e2e_prekeys "
                + "WHERE account = ? AND device_id = ? AND kind = ?")) {
            query.setString(1, account);
            query.setLong(2, deviceId);
            query.setInt(3, PrekeyKind.ONE_TIME_X25519.code());
            int x25519 = single(query);
            query.setInt(3, PrekeyKind.ONE_TIME_KEM.code());
            return new PrekeyPools(x25519, single(query));
        }
    }

    private static int single(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
