package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;

/**
 * After a process that died without closing the store, the next message id skips as many ids as
 * can be committed but not yet synced ({@link LogSyncer#MAX_UNSYNCED}, two group-commit batches),
 * so no id a lost (shown but never synced) message used is handed out again.
 */
class UncleanEndTest {
    @TempDir
    Path dir;

    @Test
    void afterAnUncleanEndTheNextMessageIdSkipsEveryIdThatCouldHaveBeenUnsynced() throws Exception {
        Path live = dir.resolve("live.db");
        Path crashed = dir.resolve("crashed.db");
        long last;
        try (SqliteStore store = SqliteStore.open(live)) {
            append(store, "one");
            last = append(store, "two");
            // The files as a power failure would leave them: the database and its log, never checkpointed.
            Files.copy(live, crashed);
            Files.copy(dir.resolve("live.db-wal"), dir.resolve("crashed.db-wal"));
        }

        try (SqliteStore store = SqliteStore.open(crashed)) {
            assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 10)).hasSize(2);
            assertThat(append(store, "after the crash")).isEqualTo(last + LogSyncer.MAX_UNSYNCED + 1);
        }
    }

    @Test
    void aStoreThatWasClosedCleanlyGoesOnWithTheNextId() throws Exception {
        Path file = dir.resolve("clean.db");
        long last;
        try (SqliteStore store = SqliteStore.open(file)) {
            last = append(store, "before the restart");
        }

        assertThat(dir.resolve("clean.db-wal")).doesNotExist();
        try (SqliteStore store = SqliteStore.open(file)) {
            assertThat(append(store, "after the restart")).isEqualTo(last + 1);
        }
    }

    @Test
    void anUncleanEndBeforeAnyMessageStillSkipsEveryIdThatCouldHaveBeenUnsynced() throws Exception {
        Path live = dir.resolve("empty.db");
        Path crashed = dir.resolve("empty-crashed.db");
        try (SqliteStore store = SqliteStore.open(live)) {
            Files.copy(live, crashed);
            Files.copy(dir.resolve("empty.db-wal"), dir.resolve("empty-crashed.db-wal"));
        }

        try (SqliteStore store = SqliteStore.open(crashed)) {
            assertThat(append(store, "first")).isEqualTo(LogSyncer.MAX_UNSYNCED + 1);
        }
    }

    private static long append(SqliteStore store, String text) throws StoreException {
        return store.appendRoomMessage("lobby", "alice", ContentType.TEXT, Bytes.utf8(text), 1_000L).id();
    }
}
