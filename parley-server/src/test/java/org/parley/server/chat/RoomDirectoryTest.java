package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.store.SqliteStore;

/**
 * The directory's index of each account's rooms is changed by the lanes of different rooms at
 * once: a join of one room racing the leave of the account's last other room must not be lost,
 * or the account's next login would not tell that room it is online (it would miss the room's
 * messages) and a private room would be missing from its room list.
 */
class RoomDirectoryTest {
    private static final int ROUNDS = 50_000;
    @TempDir
    Path directory;

    @Test
    void aJoinRacingTheLeaveOfTheAccountsLastRoomStaysInItsRooms() throws Exception {
        RoomDirectory rooms;
        try (SqliteStore store = SqliteStore.open(directory.resolve("parley.db"))) {
            rooms = RoomDirectory.load(store, store, CreationLimits.defaults(), 0);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Integer> lost = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                String user = "user" + round;
                rooms.joined("lobby", user);
                Future<?> leave = threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    rooms.left("lobby", user);
                    return null;
                });
                Future<?> join = threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    rooms.joined("study", user);
                    return null;
                });
                leave.get(10, TimeUnit.SECONDS);
                join.get(10, TimeUnit.SECONDS);
                if (!rooms.roomsOf(user).equals(List.of("study"))) {
                    lost.add(round);
                }
            }
            assertThat(lost).as("rounds whose join was lost").isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }
}
