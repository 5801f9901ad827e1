package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;

/**
 * The write-ahead log is copied into the database file by the background checkpoint after group
 * commits, not by the writer, and only when there was a group commit; a clean close still
 * leaves no log behind.
 */
class CheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void aGroupCommitIsCopiedIntoTheDatabaseFileByTheBackgroundCheckpoint() throws Exception {
        Path file = dir.resolve("parley.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            GroupCommit commit = new GroupCommit(database, 100);

            commit.append("lobby", "alice", ContentType.TEXT, Bytes.utf8("checkpointed"), 1_000L).get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> database.checkpointer().checkpoints() >= 1);

            assertThat(bodiesInTheDatabaseFileAlone(file)).containsExactly("checkpointed");
        }
    }

    @Test
    void writesOtherThanGroupCommitsStartNoBackgroundCheckpoint() throws Exception {
        SqliteDatabase database = SqliteDatabase.open(dir.resolve("quiet.db"));
        database.write("create a room", connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("INSERT INTO rooms (canonical, name, topic, visibility, owner, "
                        + "created_at) VALUES ('lobby', 'Lobby', '', 'PUBLIC', 'alice', 1)");
            }
        });

        database.close(); // waits for a checkpoint that would have started
        assertThat(database.checkpointer().checkpoints()).isZero();
    }

    @Test
    void aCleanCloseLeavesNoLogBehindAfterBackgroundCheckpoints() throws Exception {
        Path file = dir.resolve("closed.db");
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            GroupCommit commit = new GroupCommit(database, 100);
            commit.append("lobby", "alice", ContentType.TEXT, Bytes.utf8("one"), 1_000L).get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> database.checkpointer().checkpoints() >= 1);
        }

        assertThat(dir.resolve("closed.db-wal")).doesNotExist();
    }

    /** The message bodies in a copy of the database file taken without its log: what checkpoints copied. */
    private java.util.List<String> bodiesInTheDatabaseFileAlone(Path file) throws Exception {
        Path copy = dir.resolve("without-log.db");
        Files.copy(file, copy);
        java.util.List<String> bodies = new java.util.ArrayList<>();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("SELECT body FROM messages ORDER BY id")) {
            while (rows.next()) {
                bodies.add(new String(rows.getBytes(1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }
}
