package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.chat.RoomVisibility;

/**
 * The commit observer only feeds the metrics: a committed write is reported as committed even if
 * the observer throws. Reported as failed, a client would be told "internal" for a write that is
 * stored, and a retry would store it twice.
 */
class CommitObserverFailureTest {
    @TempDir
    Path dir;

    @Test
    void aWriteCommittedWhileTheObserverThrowsIsReportedAsCommitted() throws StoreException {
        CommitObserver throwing = (writes, nanos) -> {
            throw new IllegalStateException("metrics registry closed");
        };
        RoomRecord lobby = new RoomRecord("Lobby", "lobby", "", RoomVisibility.PUBLIC, "server", 1_000L);

        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"), throwing)) {
            store.createRoom(lobby);

            assertThat(store.findRoom("lobby")).contains(lobby);
        }
    }
}
