package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.server.ParleyServer;

/**
 * An invitation names a user, not a key, so between {@code invite(bob)} and bob's own join the
 * server can sign a {@code join} as bob with a key of its own, and the membership log accepts it
 * (docs/E2EE.md §19.4). The log alone therefore never decides that a sender key goes to another
 * user's device: the device must also be on bob's account with that key, and alice, who verified
 * bob, gives it nothing until she accepts bob's changed devices. The real bob, whose own join the
 * server then answers as a member's, is told that the room admits another device in his name.
 */
class E2eeInvitedJoinEndToEndTest {
    private static final String ROOM = "den";

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aDeviceSignedInUnderAVerifiedUsersInvitationGetsNoKeyUntilTheChangeIsAccepted() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob", "carol");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest carol = device(server, "carol", "c1")) {
                E2eeRoomsEndToEndTest.roomOf(alice, carol);
                alice.await(alice.session.safetyNumber("bob"));
                alice.await(alice.session.markVerified("bob"));
                alice.await(alice.session.invite(ROOM, "bob"));

                // The server, which decides who "bob" is, puts a device of its own on bob's account
                // and joins with it before bob does; the log accepts the join (the invitation is consumed).
                try (E2eDeviceUnderTest ghost = device(server, "bob", "ghost")) {
                    ghost.await(ghost.session.join(ROOM));
                    DeviceRef ghostRef = new DeviceRef("bob", ghost.session.deviceId());

                    alice.await(alice.session.sendRoom(ROOM, "after the ghost joined"));
                    await().atMost(TestServer.timeout()).until(() -> carol.roomTexts().contains("after the ghost joined")
                            && (waiting(devices.resolve("ghost")) == 1 || !ghost.roomTexts().isEmpty()));

                    assertThat(ghost.roomTexts()).as("the ghost holds no key of alice's").isEmpty();
                    assertThat(alice.roomEvents).contains(new RoomEvent.Notice(ROOM, RoomNoticeKind.KEY_WITHHELD_UNACCEPTED,
                            "bob", ghostRef.deviceId(), "unaccepted_changes"));
                    assertThat(alice.events).as("alice's client shows bob's new device")
                            .contains(new E2eEvent.DeviceNotice("bob", ghostRef.deviceId(),
                                    org.parley.client.e2ee.DeviceNoticeKind.ADDED, true));
                    // The real bob's join: the server says he is a member already; his device is not in the room.
                    bob.await(bob.session.join(ROOM));
                    assertThat(bob.roomEvents).as("bob is told his device is not admitted, and by which device he is")
                            .contains(new RoomEvent.Notice(ROOM, RoomNoticeKind.NOT_ADMITTED_HERE, "bob",
                                    bob.session.deviceId(), Long.toString(ghostRef.deviceId())));
                    assertThat(bob.events).as("and sees a device he never added on his account")
                            .contains(new E2eEvent.DeviceNotice("bob", ghostRef.deviceId(),
                                    org.parley.client.e2ee.DeviceNoticeKind.ADDED, false));

                    alice.await(alice.session.sendRoom(ROOM, "second while unaccepted"));
                    await().atMost(TestServer.timeout()).until(() -> carol.roomTexts().contains("second while unaccepted"));
                    assertThat(alice.roomNotices()).as("shown once, not at every message")
                            .filteredOn(kind -> kind == RoomNoticeKind.KEY_WITHHELD_UNACCEPTED).hasSize(1);

                    // Accepting is alice's decision (after comparing the safety number); from then on it reads.
                    alice.await(alice.session.acceptChanges("bob"));
                    alice.await(alice.session.sendRoom(ROOM, "after alice accepted"));
                    await().atMost(TestServer.timeout()).until(() -> ghost.roomTexts().contains("after alice accepted"));
                    assertThat(ghost.roomTexts()).containsExactly("after alice accepted");
                }
            }
        }
    }

    @Test
    void aJoinForAnInvitedUserWithAKeyTheirAccountDoesNotListGetsNoKey() throws Exception {
        HostileRoomLogs[] hostile = new HostileRoomLogs[1];
        DeviceKeys ghostKeys = DeviceKeys.generate(new SecureRandom());
        try (ParleyServer server = TestServer.startWithRoomLogs(data, HostileRoomLogs.into(hostile))) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob", "carol");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest carol = device(server, "carol", "c1")) {
                E2eeRoomsEndToEndTest.roomOf(alice, carol);
                alice.await(alice.session.invite(ROOM, "bob"));
                long ghostDevice = bob.session.deviceId() + 1;
                VerifiedLog truth = VerifiedLog.verify(hostile[0].trueLog(ROOM));
                hostile[0].insertAfterTrueLog(truth.next(ghostKeys, new DeviceRef("bob", ghostDevice), Instant.now(),
                        new LogBody.Join(ghostKeys.identity().encoded())).encoded());

                alice.await(alice.session.sendRoom(ROOM, "after the served join"));
                await().atMost(TestServer.timeout()).until(() -> carol.roomTexts().contains("after the served join"));

                assertThat(alice.roomProblems()).as("the served log is valid: the invitation allows the join").isEmpty();
                assertThat(alice.roomNotices()).as("no bundle fetched for it").doesNotContain(RoomNoticeKind.KEY_NOT_DELIVERED);
                assertThat(alice.roomEvents).contains(new RoomEvent.Notice(ROOM, RoomNoticeKind.KEY_WITHHELD_NOT_LISTED,
                        "bob", ghostDevice, "not_listed"));
                assertThat(alice.events).as("no bundle was even asked for").noneMatch(E2eEvent.BundleRefused.class::isInstance);
            }
        }
    }

    /** Room envelopes the device keeps because it holds no key for them (E2EE.md §20.7, {@code pending}). */
    private static long waiting(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> pending = files.filter(p -> p.endsWith(Path.of("rooms", ROOM, "pending"))).toList();
            long lines = 0;
            for (Path file : pending) {
                lines += Files.readAllLines(file).stream().filter(line -> !line.isBlank()).count();
            }
            return lines;
        }
    }

    private E2eDeviceUnderTest device(ParleyServer server, String user, String directory) throws Exception {
        return E2eDeviceUnderTest.start(server.address(), devices.resolve(directory), user, "passphrase of " + user);
    }
}
