package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.SqliteStore;

/**
 * A membership put on a room's lane (an owner's role change, a new account's Lobby membership)
 * while the account's last session is leaving {@link OnlineUsers}: the logout tells the room
 * "offline" from inside that update, and the room may run that task before the update ends. The
 * membership read "online" from the map meanwhile, so the room counted an account with no session
 * online until its next logout. Here the logout's update is held inside its callback, as a slow
 * thread would be there.
 */
class RoomsOnlineRaceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;

    @Test
    void aMembershipPutWhileTheLastSessionLogsOutLeavesTheRoomCountingTheAccountOffline() throws Exception {
        RoomDirectory directory;
        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            directory = RoomDirectory.load(store, store, CreationLimits.defaults(), 0);
        }
        OnlineUsers online = new OnlineUsers();
        Rooms rooms = new Rooms(new ChatContext(null, null, null, directory, online, null, null, null, 0, 0,
                ServerMetrics.off()));
        RoomState room = new RoomState(new RoomRecord("Lobby", "lobby", "", RoomVisibility.PUBLIC, "", 0));
        ChatSession alice = new ChatSession(1, "alice", "alice", "127.0.0.1", new RecordingLink());
        online.add(alice, () -> { });
        rooms.adoptMember(room, "alice", Role.MEMBER);
        CountDownLatch insideLogout = new CountDownLatch(1);
        CountDownLatch endLogout = new CountDownLatch(1);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Boolean> logout = CompletableFuture.supplyAsync(() -> online.remove(alice, () -> {
            room.setOnline("alice", false); // the room's "offline" task, run before the update ends
            insideLogout.countDown();
            await(endLogout);
        }), threads);
        await(insideLogout);
        Thread[] lane = new Thread[1];
        CompletableFuture<Void> roleChange = CompletableFuture.runAsync(() -> {
            lane[0] = Thread.currentThread();
            rooms.adoptMember(room, "alice", Role.OP);
        }, threads);
        // The role change either is done (it did not wait for the logout) or waits for the logout's update.
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> roleChange.isDone()
                || lane[0] != null && lane[0].getState() == Thread.State.BLOCKED);
        endLogout.countDown();

        assertThat(logout).succeedsWithin(WAIT).isEqualTo(true);
        assertThat(roleChange).succeedsWithin(WAIT);
        assertThat(room.roleOf("alice")).isEqualTo(Role.OP);
        assertThat(room.onlineMembers()).as("alice has no session left").doesNotContain("alice");
        threads.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
