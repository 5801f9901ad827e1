package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/**
 * After an fsync of the write-ahead log fails, the pages it could not write may be gone from disk
 * while later frames follow them in the same log, so no later write can be made durable: every
 * write is refused until the server restarts (SqliteDatabase's class comment). The failure is real:
 * the log is renamed away before the first group commit's fsync opens it.
 */
class LogSyncFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;

    @Test
    void afterAFailedLogSyncEveryWriteIsRefusedUntilTheDatabaseIsOpenedAgain() throws Exception {
        Path file = dir.resolve("parley.db");
        Path wal = dir.resolve("parley.db-wal");
        Path aside = dir.resolve("aside");
        SqliteDatabase database = SqliteDatabase.open(file);
        try {
            createLobby(database); // a fully synchronous write: the log exists, nothing opened it for an fsync yet
            GroupCommit commit = new GroupCommit(database, 1_000);
            Files.move(wal, aside);
            CompletableFuture<StoredMessage> unsynced = say(commit, "the fsync of this one fails");
            assertThat(unsynced).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withRootCauseInstanceOf(java.nio.file.NoSuchFileException.class);
            Files.move(aside, wal);

            assertThat(database.durabilityLost()).isTrue();
            assertThat(say(commit, "a later message")).as("its frames would follow the hole in the log")
                    .failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withMessageContaining("restart the server");
            assertThatThrownBy(() -> createLobby(database)).as("a fully synchronous write too")
                    .isInstanceOf(StoreException.class).hasMessageContaining("restart the server");
        } finally {
            database.close();
        }

        SqliteDatabase reopened = SqliteDatabase.open(file);
        try {
            assertThat(reopened.durabilityLost()).isFalse();
            assertThat(say(new GroupCommit(reopened, 1_000), "after the restart")).succeedsWithin(WAIT);
        } finally {
            reopened.close();
        }
    }

    private static CompletableFuture<StoredMessage> say(GroupCommit commit, String text) {
        return commit.append("lobby", "alice", ContentType.TEXT, Bytes.utf8(text), 1_000L);
    }

    private static void createLobby(SqliteDatabase database) throws StoreException {
        database.write("create a room", connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("INSERT OR IGNORE INTO rooms (canonical, name, topic, visibility, owner, "
                        + "created_at) VALUES ('lobby', 'Lobby', '', 'PUBLIC', 'alice', 1)");
            }
        });
    }
}
