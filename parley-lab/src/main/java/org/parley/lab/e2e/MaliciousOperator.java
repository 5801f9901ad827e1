package org.parley.lab.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.lab.LabTarget;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The operator of the lab's own server turned attacker. It changes the end-to-end rows its server
 * hands out (devices, prekeys, queued envelopes) and the accounts' login keys in the server's SQLite
 * database, exactly as an operator with a shell on the machine could; the server reads these rows on
 * every request, so each change reaches the clients at once. It never sees a private key of alice or
 * bob: what it plants comes from a real device of its own account, or a key it made, whose private
 * keys it does hold.
 *
 * <p>Account names are the canonical (lower-case) names the store uses.
 */
public final class MaliciousOperator {
    /** Prekey kind 1, the signed X25519 prekey (docs/PROTOCOL.md 14.8). */
    private static final int SIGNED_PREKEY = 1;
    private final Path database;

    private MaliciousOperator(Path database) {
        this.database = database;
    }

    /** The operator of {@code target}'s server; only a server this lab started can be edited. */
    public static MaliciousOperator of(LabTarget target) {
        return new MaliciousOperator(target.serverDatabase().orElseThrow(() -> new IllegalStateException(
                "this scenario needs the lab's own server: a malicious operator edits its database (no --server)")));
    }

    /** A queued envelope as the server stores it. */
    public record Queued(String sender, long senderDevice, byte[] envelope) {
    }

    /**
     * Puts the signed prekey of the attacker's device in place of the victim device's (signed by the
     * attacker's key, not the victim's); returns the original record.
     */
    public byte[] forgeSignedPrekey(String victim, long victimDevice, String attacker, long attackerDevice)
            throws SQLException {
        try (Connection db = open()) {
            byte[] original = signedPrekey(db, victim, victimDevice);
            setSignedPrekey(db, victim, victimDevice, signedPrekey(db, attacker, attackerDevice));
            return original;
        }
    }

    /** Puts {@code record} back as the device's signed prekey. */
    public void restoreSignedPrekey(String victim, long victimDevice, byte[] record) throws SQLException {
        try (Connection db = open()) {
            setSignedPrekey(db, victim, victimDevice, record);
        }
    }

    /** Gives the victim's device the identity, signing key and prekeys of the attacker's device. */
    public void substituteIdentity(String victim, long victimDevice, String attacker, long attackerDevice)
            throws SQLException {
        try (Connection db = open()) {
            execute(db, "UPDATE e2e_devices SET identity = (SELECT identity FROM e2e_devices WHERE account = ? AND device_id = ?),"
                    + " signing_key = (SELECT signing_key FROM e2e_devices WHERE account = ? AND device_id = ?)"
                    + " WHERE account = ? AND device_id = ?", attacker, attackerDevice, attacker, attackerDevice, victim, victimDevice);
            execute(db, "DELETE FROM e2e_prekeys WHERE account = ? AND device_id = ?", victim, victimDevice);
            copyPrekeys(db, attacker, attackerDevice, victim, victimDevice);
        }
    }

    /** Lists the attacker's device as one more device of the victim's account; returns its id there. */
    public long addGhostDevice(String victim, String attacker, long attackerDevice) throws SQLException {
        try (Connection db = open()) {
            long id;
            try (PreparedStatement q = prepare(db, "SELECT max(device_id) + 1 FROM e2e_devices WHERE account = ?", victim);
                    ResultSet rows = q.executeQuery()) {
                rows.next();
                id = rows.getLong(1);
            }
            execute(db, "INSERT INTO e2e_devices (account, device_id, identity, signing_key, name, added_at, last_seen)"
                    + " SELECT ?, ?, identity, signing_key, 'laptop', added_at, last_seen FROM e2e_devices"
                    + " WHERE account = ? AND device_id = ?", victim, id, attacker, attackerDevice);
            copyPrekeys(db, attacker, attackerDevice, victim, id);
            return id;
        }
    }

    /**
     * Adds a login key of the operator's to the victim's account, so that the operator can log in
     * as the victim without the password (any account of its own server is the operator's to enter).
     */
    public void addLoginKey(String victim, SignatureComponent algorithm, Bytes publicKey) throws SQLException {
        try (Connection db = open()) {
            execute(db, "INSERT INTO login_keys (account, algorithm, public_key) VALUES (?, ?, ?)", victim,
                    algorithm.name(), publicKey.toByteArray());
        }
    }

    /** Moves what waits in the victim device's queue into the attacker device's queue; returns how many. */
    public int divertQueue(String victim, long victimDevice, String attacker, long attackerDevice) throws SQLException {
        try (Connection db = open()) {
            return execute(db, "UPDATE e2e_envelopes SET account = ?, device_id = ? WHERE account = ? AND device_id = ?",
                    attacker, attackerDevice, victim, victimDevice);
        }
    }

    /** The envelopes waiting for the victim's device, oldest first. */
    public List<Queued> queued(String victim, long victimDevice) throws SQLException {
        try (Connection db = open();
                PreparedStatement q = prepare(db, "SELECT sender, sender_device, envelope FROM e2e_envelopes"
                        + " WHERE account = ? AND device_id = ? ORDER BY id", victim, victimDevice);
                ResultSet rows = q.executeQuery()) {
            List<Queued> all = new ArrayList<>();
            while (rows.next()) {
                all.add(new Queued(rows.getString(1), rows.getLong(2), rows.getBytes(3)));
            }
            return all;
        }
    }

    /** Queues {@code envelope} again for the victim's device, as if its sender had just sent it. */
    public void requeue(String victim, long victimDevice, Queued envelope) throws SQLException {
        try (Connection db = open()) {
            execute(db, "INSERT INTO e2e_envelopes (account, device_id, sender, sender_device, ts, envelope)"
                    + " VALUES (?, ?, ?, ?, 0, ?)", victim, victimDevice, envelope.sender(), envelope.senderDevice(),
                    envelope.envelope());
        }
    }

    /** A room message as the server stored and fanned it out: for an encrypted room an opaque room envelope. */
    public record StoredRoomMessage(long id, String sender, byte[] body) {
    }

    /** The messages of {@code room} (canonical name) stored after message id {@code afterId}, oldest first. */
    public List<StoredRoomMessage> roomMessages(String room, long afterId) throws SQLException {
        try (Connection db = open();
                PreparedStatement q = prepare(db, "SELECT id, sender, body FROM messages WHERE kind = 'ROOM' AND room = ?"
                        + " AND id > ? ORDER BY id", room, afterId);
                ResultSet rows = q.executeQuery()) {
            List<StoredRoomMessage> all = new ArrayList<>();
            while (rows.next()) {
                all.add(new StoredRoomMessage(rows.getLong(1), rows.getString(2), rows.getBytes(3)));
            }
            return all;
        }
    }

    private Connection open() throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + LabTarget.STEP_TIMEOUT.toMillis());
        }
        return db;
    }

    private static byte[] signedPrekey(Connection db, String account, long device) throws SQLException {
        try (PreparedStatement q = prepare(db, "SELECT record FROM e2e_prekeys WHERE account = ? AND device_id = ? AND kind = ?",
                account, device, SIGNED_PREKEY); ResultSet rows = q.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("device " + device + " of " + account + " has no signed prekey");
            }
            return rows.getBytes(1);
        }
    }

    private static void setSignedPrekey(Connection db, String account, long device, byte[] record) throws SQLException {
        execute(db, "UPDATE e2e_prekeys SET record = ? WHERE account = ? AND device_id = ? AND kind = ?",
                record, account, device, SIGNED_PREKEY);
    }

    private static void copyPrekeys(Connection db, String from, long fromDevice, String to, long toDevice)
            throws SQLException {
        execute(db, "INSERT INTO e2e_prekeys (account, device_id, kind, key_id, record) SELECT ?, ?, kind, key_id, record"
                + " FROM e2e_prekeys WHERE account = ? AND device_id = ?", to, toDevice, from, fromDevice);
    }

    private static int execute(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, args)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... args) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }
}
