package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's transactions with kept statements: a group commit's transaction runs with
 * {@code synchronous=NORMAL} every time (not only the first), every other one with {@code FULL};
 * the driver's auto-commit is off on the writer, and its transactions still commit or roll back whole.
 */
class PreparedTransactionsTest {
    @TempDir
    Path dir;

    @Test
    void everyUnsyncedTransactionRunsWithNormalSyncAndEveryOtherWithFull() throws Exception {
        try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("parley.db"))) {
            CompletableFuture<List<String>> levels = new CompletableFuture<>();
            database.execute(() -> {
                try {
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        seen.add("unsynced " + database.inTransactionUnsynced(1, PreparedTransactionsTest::synchronous));
                        seen.add("synced " + database.inTransaction(PreparedTransactionsTest::synchronous));
                    }
                    levels.complete(seen);
                } catch (Exception e) {
                    levels.completeExceptionally(e);
                }
            });

            // PRAGMA synchronous: 1 is NORMAL, 2 is FULL.
            assertThat(levels.join()).containsExactly("unsynced 1", "synced 2", "unsynced 1", "synced 2",
                    "unsynced 1", "synced 2");
            assertThat(database.writerPragma(SqliteDatabase.Pragma.SYNCHRONOUS)).isEqualTo("2");
        }
    }

    @Test
    void consecutiveUnsyncedTransactionsKeepNormalSyncAndTheNextOtherWriteRunsWithFull() throws Exception {
        try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("parley.db"))) {
            CompletableFuture<List<String>> levels = new CompletableFuture<>();
            database.execute(() -> {
                try {
                    List<String> seen = new ArrayList<>();
                    seen.add("synced " + database.inTransaction(PreparedTransactionsTest::synchronous));
                    for (int i = 0; i < 3; i++) {
                        seen.add("unsynced " + database.inTransactionUnsynced(1, PreparedTransactionsTest::synchronous));
                    }
                    levels.complete(seen);
                } catch (Exception e) {
                    levels.completeExceptionally(e);
                }
            });

            // PRAGMA synchronous: 1 is NORMAL, 2 is FULL.
            assertThat(levels.join()).containsExactly("synced 2", "unsynced 1", "unsynced 1", "unsynced 1");
            assertThat(database.writerPragma(SqliteDatabase.Pragma.SYNCHRONOUS)).as("kept after the group commits").isEqualTo("1");
            assertThat(database.write("the next write", PreparedTransactionsTest::synchronous)).isEqualTo("2");
            assertThat(database.writerPragma(SqliteDatabase.Pragma.SYNCHRONOUS)).isEqualTo("2");
        }
    }

    @Test
    void theDriverRunsNoTransactionStatementsOfItsOwnAndTheStoresTransactionsStillCommitOrRollBackWhole() throws Exception {
        try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("parley.db"))) {
            assertThat(database.write("read the driver's auto-commit", Connection::getAutoCommit)).isFalse();
            database.write("create a table", connection -> update(connection, "CREATE TABLE probe (n INTEGER)"));
            database.write("insert a row", connection -> update(connection, "INSERT INTO probe VALUES (1)"));

            assertThatThrownBy(() -> database.write("insert a row, then fail", connection -> {
                update(connection, "INSERT INTO probe VALUES (2)");
                throw new SQLException("the work failed after its insert");
            })).isInstanceOf(StoreException.class);
            database.write("insert another row", connection -> update(connection, "INSERT INTO probe VALUES (3)"));

            // Read on a pooled reader connection: only committed rows are visible there.
            assertThat(database.read("read the rows", PreparedTransactionsTest::rows)).containsExactly(1L, 3L);
        }
    }

    private static int update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private static List<Long> rows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT n FROM probe ORDER BY n")) {
            List<Long> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
            return values;
        }
    }

    private static String synchronous(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA synchronous")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
