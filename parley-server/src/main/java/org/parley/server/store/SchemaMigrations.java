package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates and upgrades the store's schema. {@code schema_version} records every version applied;
 * each version's statements and its version row commit in one transaction, so a crash mid-upgrade
 * leaves the previous version intact. A file from a newer server is refused rather than guessed at.
 * Most versions are a list of statements; one that must also move rows (version 7) is code.
 */
final class SchemaMigrations {

    /** Each schema version's change; index 0 is version 1. Append new versions, never edit old ones. */
    private static final List<Version> VERSIONS = List.of(statements(SchemaV1.STATEMENTS),
            statements(SchemaNameKeys.STATEMENTS), statements(SchemaE2eTables.STATEMENTS),
            statements(SchemaRoomLogs.STATEMENTS), statements(SchemaPartialIndexes.STATEMENTS),
            statements(SchemaSendIds.STATEMENTS), SchemaSendBatches::apply);

    /** One version's change, run inside the transaction that records it. */
    @FunctionalInterface
    private interface Version {
        void apply(Connection writer) throws SQLException, StoreException;
    }

    private SchemaMigrations() {
    }

    private static Version statements(List<String> sqls) {
        return writer -> {
            try (Statement statement = writer.createStatement()) {
                for (String sql : sqls) {
                    statement.execute(sql);
                }
            }
        };
    }

    static int latestVersion() {
        return VERSIONS.size();
    }

    /** Applies every missing version. Runs on the writer connection, outside any transaction. */
    static void migrate(Connection connection) throws SQLException, StoreException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        }
        int current = currentVersion(connection);
        if (current > latestVersion()) {
            throw new StoreException("the database has schema version " + current
                    + ", newer than this server's " + latestVersion() + "; use a newer server");
        }
        for (int version = current + 1; version <= latestVersion(); version++) {
            apply(connection, version);
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, int version) throws SQLException, StoreException {
        OpeningTransaction.run(connection, writer -> {
            VERSIONS.get(version - 1).apply(writer);
            try (PreparedStatement record = writer.prepareStatement(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                record.setInt(1, version);
                record.setLong(2, System.currentTimeMillis());
                record.executeUpdate();
            }
            return null;
        });
    }
}
