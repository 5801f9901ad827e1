package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.server.names.NameRules;

/**
 * The look-alike keys ({@code skeleton} columns, see {@link SchemaNameKeys}) of account and room
 * names: refusing a new name that looks like an existing one, keeping the stored keys current, and
 * listing existing names that collide.
 *
 * <p><b>Security.</b> The check runs inside the same write transaction as the insert, on the one
 * writer thread, so two look-alike names registered at once cannot both get in.
 */
final class SqlNameKeys {

    /** A table of names; the SQL names are constants, never input. */
    enum Table {
        ACCOUNTS("accounts"), ROOMS("rooms");

        private final String sql;

        Table(String sql) {
            this.sql = sql;
        }
    }

    private SqlNameKeys() {
    }

    /**
     * Throws {@link StoreException.Conflict} if {@code canonical} exists, and
     * {@link StoreException.Confusable} if another name has {@code name}'s look-alike key.
     * Returns that key, for the insert. Call inside the inserting write transaction.
     */
    static String requireFree(Connection connection, Table table, String canonical, String name, String operation)
            throws SQLException, StoreException {
        if (exists(connection, "SELECT 1 FROM " + table.sql + " WHERE canonical = ?", canonical)) {
            throw new StoreException.Conflict(operation + ": already exists");
        }
        String key = NameRules.confusableKey(name);
        if (exists(connection, "SELECT 1 FROM " + table.sql + " WHERE skeleton = ?", key)) {
            throw new StoreException.Confusable(operation + ": the name looks like an existing one");
        }
        return key;
    }

    /**
     * Recomputes every stored key and writes those that differ (all of them after the schema step
     * that added the column; after an ICU upgrade, those whose confusables data changed).
     * One transaction; linear in the number of accounts and rooms, once per start.
     */
    static void refresh(SqliteDatabase database) throws StoreException {
        database.write("refresh the look-alike keys of names", connection -> {
            for (Table table : Table.values()) {
                Map<String, String> changed = new LinkedHashMap<>();
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT canonical, name, skeleton FROM " + table.sql);
                     ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String key = NameRules.confusableKey(rows.getString(2));
                        if (!key.equals(rows.getString(3))) {
                            changed.put(rows.getString(1), key);
                        }
                    }
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + table.sql + " SET skeleton = ? WHERE canonical = ?")) {
                    for (Map.Entry<String, String> entry : changed.entrySet()) {
                        update.setString(1, entry.getValue());
                        update.setString(2, entry.getKey());
                        update.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** Groups of two or more display names in {@code table} that share a look-alike key. */
    static List<List<String>> collisions(SqliteDatabase database, Table table) throws StoreException {
        return database.read("list look-alike names", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT skeleton, name FROM " + table.sql
                    + " WHERE skeleton IN (SELECT skeleton FROM " + table.sql
                    + " GROUP BY skeleton HAVING count(*) > 1) ORDER BY skeleton, canonical");
                 ResultSet rows = query.executeQuery()) {
                Map<String, List<String>> groups = new LinkedHashMap<>();
                while (rows.next()) {
                    groups.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
                }
                return List.copyOf(groups.values());
            }
        });
    }

    private static boolean exists(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
