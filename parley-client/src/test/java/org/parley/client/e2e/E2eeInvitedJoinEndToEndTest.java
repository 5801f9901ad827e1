package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.EndToEndException;
import org.parley.client.UnacceptedChangesException;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.server.ParleyServer;

/**
 * The server decides who "bob" is and which devices his account lists. An invitation names the
 * keys of the devices the inviter saw listed for bob ({@code invite_devices}, docs/E2EE.md §19.4),
 * so a device the server puts on bob's account after the invitation cannot join with it, and a
 * join the server signs with a key of its own is refused by every member's log. Before the
 * invitation, a device on bob's account is visible: an inviter who verified bob refuses to invite
 * until they accept the change, and the real bob is told if someone joined in his name.
 */
class E2eeInvitedJoinEndToEndTest {
    private static final String ROOM = "den";

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aDeviceTheServerAddsToAnInvitedUsersAccountAfterTheInvitationCannotJoinAndTheRealOneCan() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob", "carol");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest carol = device(server, "carol", "c1")) {
                E2eeRoomsEndToEndTest.roomOf(alice, carol);
                alice.await(alice.session.invite(ROOM, "bob"));

                try (E2eDeviceUnderTest ghost = device(server, "bob", "ghost")) {
                    assertThatThrownBy(() -> ghost.await(ghost.session.join(ROOM)))
                            .hasRootCauseInstanceOf(EndToEndException.class)
                            .hasStackTraceContaining("names other devices of yours");

                    bob.await(bob.session.join(ROOM));
                    alice.await(alice.session.sendRoom(ROOM, "bob is in"));
                    await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("bob is in")
                            && carol.roomTexts().contains("bob is in"));
                    assertThat(ghost.roomTexts()).isEmpty();
                    assertThat(alice.roomProblems()).isEmpty();
                }
            }
        }
    }

    @Test
    void aJoinTheServerSignsWithAKeyTheInvitationDoesNotNameIsRefusedByTheMembersLogs() throws Exception {
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

                assertThat(alice.roomProblems()).as("the served join is refused by the log")
                        .extracting(RoomEvent.Problem::error).contains(RoomError.LOG_FORBIDDEN);
                assertThat(alice.roomNotices()).as("the ghost is not a member: nothing to withhold or deliver")
                        .doesNotContain(RoomNoticeKind.KEY_WITHHELD_NOT_LISTED, RoomNoticeKind.KEY_NOT_DELIVERED);
                assertThat(alice.events).as("no bundle was even asked for").noneMatch(E2eEvent.BundleRefused.class::isInstance);
            }
        }
    }

    @Test
    void aDeviceOnAVerifiedUsersAccountBeforeTheInvitationStopsTheInvitationUntilAccepted() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob", "carol");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest carol = device(server, "carol", "c1")) {
                E2eeRoomsEndToEndTest.roomOf(alice, carol);
                alice.await(alice.session.markVerified("bob", alice.await(alice.session.safetyNumber("bob"))));

                // The server puts a device of its own on bob's account before alice invites him.
                try (E2eDeviceUnderTest ghost = device(server, "bob", "ghost")) {
                    DeviceRef ghostRef = new DeviceRef("bob", ghost.session.deviceId());
                    assertThatThrownBy(() -> alice.await(alice.session.invite(ROOM, "bob")))
                            .hasRootCauseInstanceOf(UnacceptedChangesException.class);
                    assertThat(alice.events).as("alice's client shows bob's new device")
                            .contains(new E2eEvent.DeviceNotice("bob", ghostRef.deviceId(),
                                    org.parley.client.e2ee.DeviceNoticeKind.ADDED, true));

                    // Accepting is alice's decision (after comparing the safety number); the invitation
                    // then names the ghost too, which may join first and read from then on.
                    alice.await(alice.session.acceptChanges("bob"));
                    alice.await(alice.session.invite(ROOM, "bob"));
                    ghost.await(ghost.session.join(ROOM));
                    alice.await(alice.session.sendRoom(ROOM, "after alice accepted"));
                    await().atMost(TestServer.timeout()).until(() -> ghost.roomTexts().contains("after alice accepted"));

                    // The real bob's join: the server says he is a member already; his device is not in the room.
                    bob.await(bob.session.join(ROOM));
                    assertThat(bob.roomEvents).as("bob is told his device is not admitted, and by which device he is")
                            .contains(new RoomEvent.Notice(ROOM, RoomNoticeKind.NOT_ADMITTED_HERE, "bob",
                                    bob.session.deviceId(), Long.toString(ghostRef.deviceId())));
                    assertThat(bob.events).as("and sees a device he never added on his account")
                            .contains(new E2eEvent.DeviceNotice("bob", ghostRef.deviceId(),
                                    org.parley.client.e2ee.DeviceNoticeKind.ADDED, false));
                }
            }
        }
    }

    private E2eDeviceUnderTest device(ParleyServer server, String user, String directory) throws Exception {
        return E2eDeviceUnderTest.start(server.address(), devices.resolve(directory), user, "passphrase of " + user);
    }
}
