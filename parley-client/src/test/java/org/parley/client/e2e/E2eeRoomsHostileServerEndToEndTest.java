package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.server.ParleyServer;

/**
 * A hostile server (the room-log store seam, decorated) serves a ghost member, then a ghost device,
 * then a reordered log: every client refuses the log, shows the problem, keeps its verified log,
 * distributes keys by it only (a ghost device is no device of the server's, so a key addressed to
 * it would make the send fail) and the room keeps working.
 */
class E2eeRoomsHostileServerEndToEndTest {
    private static final String ROOM = "den";

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aGhostMemberThenAGhostDeviceThenAReorderedLogAreRefusedByEveryClientAndGetNoKeys() throws Exception {
        HostileRoomLogs[] hostile = new HostileRoomLogs[1];
        DeviceKeys ghostKeys = DeviceKeys.generate(new SecureRandom());
        try (ParleyServer server = TestServer.startWithRoomLogs(data, HostileRoomLogs.into(hostile))) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                E2eeRoomsEndToEndTest.roomOf(alice, bob);
                chat(alice, bob, "first");

                VerifiedLog truth = VerifiedLog.verify(hostile[0].trueLog(ROOM));
                hostile[0].insertAfterTrueLog(truth.next(ghostKeys, new DeviceRef("mallory", 7), Instant.now(),
                        new LogBody.Join(ghostKeys.identity().encoded())).encoded());
                chat(alice, bob, "after the ghost member");
                assertRefusedByBoth(alice, bob, RoomError.LOG_FORBIDDEN, 1);

                hostile[0].insertAfterTrueLog(truth.next(ghostKeys, new DeviceRef("bob", 99), Instant.now(),
                        new LogBody.DeviceAdded(99, ghostKeys.identity().encoded())).encoded());
                chat(alice, bob, "after the ghost device");
                assertRefusedByBoth(alice, bob, RoomError.LOG_FORBIDDEN, 2);

                hostile[0].insertAfterTrueLog(null);
                hostile[0].swapEntriesOneAndTwo();
                chat(alice, bob, "after the reordering");
                assertRefusedByBoth(alice, bob, RoomError.LOG_FORKED, 1);

                assertThat(alice.await(alice.session.roomMembership(ROOM)).devices().keySet())
                        .extracting(DeviceRef::user).containsExactly("alice", "bob");
                assertThat(bob.roomTexts()).containsExactly("first from alice", "after the ghost member from alice",
                        "after the ghost device from alice", "after the reordering from alice");
                assertThat(alice.roomTexts()).containsExactly("first from bob", "after the ghost member from bob",
                        "after the ghost device from bob", "after the reordering from bob");
            }
        }
    }

    /** Each sends (which first reads the log the server shows) and waits until the other has read it. */
    private static void chat(E2eDeviceUnderTest alice, E2eDeviceUnderTest bob, String text) throws Exception {
        alice.await(alice.session.sendRoom(ROOM, text + " from alice"));
        bob.await(bob.session.sendRoom(ROOM, text + " from bob"));
        await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains(text + " from alice")
                && alice.roomTexts().contains(text + " from bob"));
    }

    private static void assertRefusedByBoth(E2eDeviceUnderTest alice, E2eDeviceUnderTest bob, RoomError error, int atLeast) {
        for (E2eDeviceUnderTest device : List.of(alice, bob)) {
            assertThat(device.roomProblems()).extracting(RoomEvent.Problem::error).filteredOn(e -> e == error)
                    .hasSizeGreaterThanOrEqualTo(atLeast);
            assertThat(device.roomProblems()).allSatisfy(p -> assertThat(p.room()).isEqualTo(ROOM));
        }
    }

    private E2eDeviceUnderTest device(ParleyServer server, String user, String directory) throws Exception {
        return E2eDeviceUnderTest.start(server.address(), devices.resolve(directory), user, "passphrase of " + user);
    }
}
