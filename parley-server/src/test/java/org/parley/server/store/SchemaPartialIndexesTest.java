package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/** Schema version 5: the private-message indexes hold private messages only, and an older file keeps its messages. */
class SchemaPartialIndexesTest {
    private static final List<List<String>> VERSIONS_1_TO_4 = List.of(SchemaV1.STATEMENTS, SchemaNameKeys.STATEMENTS,
            SchemaE2eTables.STATEMENTS, SchemaRoomLogs.STATEMENTS);

    @TempDir
    Path dir;

    @Test
    void aVersionFourDatabaseKeepsItsRoomAndPrivateMessagesThroughTheUpgrade() throws Exception {
        Path old = dir.resolve("v4.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
             Statement statement = connection.createStatement()) {
            createVersionFour(statement);
            statement.execute("INSERT INTO messages (kind, room, sender, ts, content_type, body) "
                    + "VALUES ('ROOM', 'lobby', 'Carol', 10, 'TEXT', x'68690a')");
            statement.execute("INSERT INTO messages (kind, sender, recipient, recipient_key, pair_low, pair_high, ts, "
                    + "content_type, body) VALUES ('PRIVATE', 'Alice', 'Bob', 'bob', 'alice', 'bob', 11, 'TEXT', x'7373')");
        }

        try (SqliteStore store = SqliteStore.open(old)) {
            assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 10)).extracting(StoredMessage::from,
                    StoredMessage::timestampMillis).containsExactly(tuple("Carol", 10L));
            assertThat(store.privateHistory("bob", "alice", Long.MAX_VALUE, 10)).extracting(StoredMessage::from)
                    .containsExactly("Alice");
            assertThat(store.undeliveredPrivate("bob", 10)).extracting(envelope -> envelope.message().from())
                    .containsExactly("Alice");
            store.appendPrivateMessage("Bob", "Alice", ContentType.TEXT,
                    Bytes.fromHex("6f6b"), 12);
            assertThat(store.privateHistory("alice", "bob", Long.MAX_VALUE, 10)).extracting(StoredMessage::from)
                    .containsExactly("Bob", "Alice");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old)) {
            assertThat(SchemaMigrations.currentVersion(connection)).isEqualTo(SchemaMigrations.latestVersion());
            assertThat(indexDefinitions(connection)).allSatisfy(sql -> assertThat(sql).contains("IS NOT NULL"));
        }
    }

    @Test
    void thePrivateMessageQueriesStillUseTheirPartialIndexes() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("plan.db"))) {
            SchemaMigrations.migrate(connection);

            assertThat(plan(connection, SqlMessages.PRIVATE_HISTORY)).contains("messages_by_pair");
            assertThat(plan(connection, SqlMessages.UNDELIVERED_PRIVATE)).contains("messages_by_recipient");
            assertThat(plan(connection, PendingRecipients.WITH_UNDELIVERED)).contains("messages_by_recipient");
        }
    }

    @Test
    void aLoneRoomMessageWritesTwoPagesFewerToTheLogThanInVersionFour() throws Exception {
        long before;
        try (Connection connection = walConnection(dir.resolve("v4-pages.db"));
             Statement statement = connection.createStatement()) {
            createVersionFour(statement);
            before = pagesOfOneRoomMessage(statement);
        }
        long after;
        try (Connection connection = walConnection(dir.resolve("v5-pages.db"));
             Statement statement = connection.createStatement()) {
            SchemaMigrations.migrate(connection);
            after = pagesOfOneRoomMessage(statement);
        }

        assertThat(after).isEqualTo(before - 2);
    }

    private static void createVersionFour(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        int version = 1;
        for (List<String> statements : VERSIONS_1_TO_4) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            statement.execute("INSERT INTO schema_version VALUES (" + version++ + ", 0)");
        }
    }

    private static Connection walConnection(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA wal_autocheckpoint=0");
        }
        return connection;
    }

    /** Log frames (pages) written by one committed room message, after a warm-up message and an emptied log. */
    private static long pagesOfOneRoomMessage(Statement statement) throws SQLException {
        String insert = "INSERT INTO messages (kind, room, sender, ts, content_type, body) "
                + "VALUES ('ROOM', 'lobby', 'carol', 1, 'TEXT', x'6869')";
        statement.execute(insert);
        statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        statement.execute(insert);
        try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
            return result.getLong(2);
        }
    }

    private static String plan(Connection connection, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + query.replace("?", "'x'"))) {
            while (rows.next()) {
                plan.append(rows.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }

    private static List<String> indexDefinitions(Connection connection) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'index' "
                     + "AND name IN ('messages_by_pair', 'messages_by_recipient')")) {
            while (rows.next()) {
                definitions.add(rows.getString(1));
            }
        }
        assertThat(definitions).hasSize(2);
        return definitions;
    }
}
