package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.Role;
import org.parley.protocol.suite.SignatureComponent;

/**
 * {@link AccountStore} on the SQLite schema: accounts with their SCRAM verifier in columns, login
 * keys, and single-use invite codes.
 *
 * <p><b>Security.</b> A verifier is as sensitive as a password hash: it is written and read only
 * through bound parameters and never appears in an exception message.
 */
final class SqlAccounts implements AccountStore {

    private static final String ACCOUNT_COLUMNS =
            "name, canonical, mechanism, salt, iterations, stored_key, server_key, disabled, created_at";
    /** The same columns of {@code accounts a} in a join. */
    private static final String JOINED_ACCOUNT_COLUMNS = ACCOUNT_COLUMNS.replaceAll("(\\w+)", "a.$1");
    /** The decoy branch runs only when the first finds nothing: one seek and one decoded row either way. */
    private static final String DECOY_BRANCH = " UNION ALL SELECT * FROM (SELECT " + ACCOUNT_COLUMNS
            + ", 0 AS found FROM accounts WHERE mechanism IS NOT NULL LIMIT 1)";
    private static final String FIND_FOR_LOGIN = "SELECT * FROM (SELECT " + ACCOUNT_COLUMNS
            + ", 1 AS found FROM accounts WHERE canonical = ?1)" + DECOY_BRANCH;
    private static final String FIND_BY_LOGIN_KEY = "SELECT * FROM (SELECT " + JOINED_ACCOUNT_COLUMNS
            + ", 1 AS found FROM login_keys k CROSS JOIN accounts a ON a.canonical = k.account"
            + " WHERE k.account = ?1 AND k.algorithm = ?2 AND k.public_key = ?3 AND a.disabled = 0)" + DECOY_BRANCH;

    private final SqliteDatabase database;

    SqlAccounts(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<AccountRecord> findAccount(String canonicalName) throws StoreException {
        return database.read("find an account", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE canonical = ?")) {
                query.setString(1, canonicalName);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(account(rows)) : Optional.<AccountRecord>empty();
                }
            }
        });
    }

    @Override
    public Optional<AccountRecord> findAccountForLogin(String canonicalName) throws StoreException {
        // When the name is unknown, the second branch reads and decodes the first stored account
        // with a password instead, flagged as a decoy; only the first row is ever stepped to, so the
        // second branch does not run for a known name. One seek and one decoded row either way: the
        // time does not tell whether the account exists (EnumerationTimingBenchmark).
        return database.readPrepared("find an account", FIND_FOR_LOGIN, query -> {
            query.setString(1, canonicalName);
            return foundOrDecoy(query);
        });
    }

    @Override
    public void createAccount(AccountRecord account) throws StoreException {
        database.write("create an account", connection -> insertAccount(connection, account));
    }

    @Override
    public boolean createAccountWithInvite(AccountRecord account, String inviteCode, long nowMillis)
            throws StoreException {
        // One transaction: the invite is checked before the name, so a caller without a valid
        // invite learns nothing about which names exist, and it is used only if the account is made.
        return database.write("create an account with an invite", connection -> {
            if (!inviteUsable(connection, inviteCode, nowMillis)) {
                return false;
            }
            insertAccount(connection, account);
            return useInvite(connection, inviteCode, account.canonicalName(), nowMillis);
        });
    }

    @Override
    public void createAccount(AccountRecord account, String room) throws StoreException {
        database.write("create an account", connection -> {
            insertAccount(connection, account);
            SqlRooms.insertMember(connection, room, account.canonicalName(), Role.MEMBER);
            return null;
        });
    }

    @Override
    public boolean createAccountWithInvite(AccountRecord account, String inviteCode, long nowMillis, String room)
            throws StoreException {
        return database.write("create an account with an invite", connection -> {
            if (!inviteUsable(connection, inviteCode, nowMillis)) {
                return false;
            }
            insertAccount(connection, account);
            SqlRooms.insertMember(connection, room, account.canonicalName(), Role.MEMBER);
            return useInvite(connection, inviteCode, account.canonicalName(), nowMillis);
        });
    }

    @Override
    public boolean hasLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException {
        // One seek in login_keys' primary key, first (CROSS JOIN fixes the order): it misses the
        // same way for an unknown user as for a known user without this key.
        return database.read("check a login key", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM login_keys k CROSS JOIN accounts a"
                    + " ON a.canonical = k.account WHERE k.account = ? AND k.algorithm = ? AND k.public_key = ?"
                    + " AND a.disabled = 0")) {
                query.setString(1, canonicalName);
                query.setString(2, key.algorithm().name());
                query.setBytes(3, key.publicKey().toByteArray());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private static int insertAccount(Connection connection, AccountRecord account) throws SQLException, StoreException {
        String key = SqlNameKeys.requireFree(connection, SqlNameKeys.Table.ACCOUNTS, account.canonicalName(),
                account.name(), "create an account");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts (" + ACCOUNT_COLUMNS
                + ", skeleton) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, account.name());
            insert.setString(2, account.canonicalName());
            bindVerifier(insert, 3, account.sha256().orElse(null));
            insert.setInt(8, account.disabled() ? 1 : 0);
            insert.setLong(9, account.createdAtMillis());
            insert.setString(10, key);
            return insert.executeUpdate();
        }
    }

    @Override
    public void setVerifier(String canonicalName, ScramVerifier verifier) throws StoreException {
        updateAccount("set a verifier", "UPDATE accounts SET mechanism = ?, salt = ?, iterations = ?, "
                + "stored_key = ?, server_key = ? WHERE canonical = ?", canonicalName, update -> {
                    bindVerifier(update, 1, verifier);
                    update.setString(6, canonicalName);
                });
    }

    @Override
    public void setDisabled(String canonicalName, boolean disabled) throws StoreException {
        updateAccount("disable an account", "UPDATE accounts SET disabled = ? WHERE canonical = ?", canonicalName,
                update -> {
                    update.setInt(1, disabled ? 1 : 0);
                    update.setString(2, canonicalName);
                });
    }

    @Override
    public List<AccountRecord> listAccounts() throws StoreException {
        return database.read("list accounts", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + ACCOUNT_COLUMNS + " FROM accounts ORDER BY canonical");
                 ResultSet rows = query.executeQuery()) {
                List<AccountRecord> accounts = new ArrayList<>();
                while (rows.next()) {
                    accounts.add(account(rows));
                }
                return accounts;
            }
        });
    }

    @Override
    public List<RegisteredPublicKey> loginKeys(String canonicalName) throws StoreException {
        return database.read("list login keys", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT algorithm, public_key FROM login_keys WHERE account = ? ORDER BY rowid")) {
                query.setString(1, canonicalName);
                try (ResultSet rows = query.executeQuery()) {
                    List<RegisteredPublicKey> keys = new ArrayList<>();
                    while (rows.next()) {
                        keys.add(new RegisteredPublicKey(
                                StoredEnum.parse(SignatureComponent.values(), rows.getString(1), "key algorithm"),
                                Bytes.wrapOwned(rows.getBytes(2))));
                    }
                    return keys;
                }
            }
        });
    }

    @Override
    public void addLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException {
        database.write("add a login key", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO login_keys (account, algorithm, public_key) VALUES (?, ?, ?)")) {
                insert.setString(1, canonicalName);
                insert.setString(2, key.algorithm().name());
                insert.setBytes(3, key.publicKey().toByteArray());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public boolean removeLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException {
        return database.write("remove a login key", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM login_keys WHERE account = ? AND algorithm = ? AND public_key = ?")) {
                delete.setString(1, canonicalName);
                delete.setString(2, key.algorithm().name());
                delete.setBytes(3, key.publicKey().toByteArray());
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void createInvite(String code, String createdBy, long expiresAtMillis) throws StoreException {
        database.write("create an invite", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO invites (code, created_by, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, code);
                insert.setString(2, createdBy);
                insert.setLong(3, expiresAtMillis);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public boolean consumeInvite(String code, String usedBy, long nowMillis) throws StoreException {
        return database.write("use an invite", connection -> useInvite(connection, code, usedBy, nowMillis));
    }

    private static boolean inviteUsable(Connection connection, String code, long nowMillis) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM invites WHERE code = ? AND used_by IS NULL AND expires_at > ?")) {
            query.setString(1, code);
            query.setLong(2, nowMillis);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static boolean useInvite(Connection connection, String code, String usedBy, long nowMillis)
            throws SQLException {
        // One conditional UPDATE: two registrations racing for the same code cannot both win.
        try (PreparedStatement update = connection.prepareStatement("UPDATE invites SET used_by = ?, used_at = ? "
                + "WHERE code = ? AND used_by IS NULL AND expires_at > ?")) {
            update.setString(1, usedBy);
            update.setLong(2, nowMillis);
            update.setString(3, code);
            update.setLong(4, nowMillis);
            return update.executeUpdate() == 1;
        }
    }

    private void updateAccount(String operation, String sql, String canonicalName, Binder binder)
            throws StoreException {
        database.write(operation, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                binder.bind(update);
                if (update.executeUpdate() == 0) {
                    throw new StoreException(operation + ": no such account");
                }
                return null;
            }
        });
    }

    private static void bindVerifier(PreparedStatement statement, int first, ScramVerifier verifier)
            throws SQLException {
        if (verifier == null) {
            for (int i = 0; i < 5; i++) {
                statement.setNull(first + i, Types.NULL);
            }
            return;
        }
        statement.setString(first, verifier.mechanism().name());
        statement.setBytes(first + 1, verifier.salt().toByteArray());
        statement.setInt(first + 2, verifier.iterations());
        statement.setBytes(first + 3, verifier.storedKey().toByteArray());
        statement.setBytes(first + 4, verifier.serverKey().toByteArray());
    }

    @Override
    public Optional<AccountRecord> findAccountByLoginKey(String canonicalName, RegisteredPublicKey key)
            throws StoreException {
        // hasLoginKey's seek in login_keys' primary key, joined to the account row, in one statement,
        // so a key login reads the store once. When the key is not registered (or the account is
        // disabled), the second branch decodes a decoy row, flagged as such, as findAccountForLogin
        // does: one seek and one decoded row either way.
        return database.readPrepared("find an account by login key", FIND_BY_LOGIN_KEY, query -> {
            query.setString(1, canonicalName);
            query.setString(2, key.algorithm().name());
            query.setBytes(3, key.publicKey().toByteArray());
            return foundOrDecoy(query);
        });
    }

    /** The account of the first row if it is flagged found, else empty (a decoy row, or none). */
    private static Optional<AccountRecord> foundOrDecoy(PreparedStatement query) throws SQLException, StoreException {
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            AccountRecord account = account(rows);
            return rows.getInt("found") == 1 ? Optional.of(account) : Optional.empty();
        }
    }

    private static AccountRecord account(ResultSet rows) throws SQLException, StoreException {
        String mechanism = rows.getString("mechanism");
        Optional<ScramVerifier> verifier = Optional.empty();
        if (mechanism != null) {
            verifier = Optional.of(new ScramVerifier(
                    StoredEnum.parse(ScramMechanism.values(), mechanism, "SCRAM mechanism"),
                    Bytes.wrapOwned(rows.getBytes("salt")), rows.getInt("iterations"),
                    Bytes.wrapOwned(rows.getBytes("stored_key")), Bytes.wrapOwned(rows.getBytes("server_key"))));
        }
        return new AccountRecord(rows.getString("name"), rows.getString("canonical"), verifier,
                rows.getInt("disabled") != 0, rows.getLong("created_at"));
    }

    /** Binds an update's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
