package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.e2ee.group.DeviceRef;
import org.parley.server.ParleyServer;

/**
 * A device that appears on alice's own account (added behind her back: the server could have
 * invented it) is not signed into her encrypted rooms until alice accepts it (issue 9, docs/E2EE.md §20.7).
 */
class E2eeOwnDeviceAcceptanceEndToEndTest {
    private static final String ROOM = "den";

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void anUnacceptedOwnDeviceIsShownAsPendingAndReadsNothingUntilAliceAcceptsIt() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                E2eeRoomsEndToEndTest.roomOf(alice, bob);
                try (E2eDeviceUnderTest ghost = device(server, "alice", "a2")) {
                    DeviceRef second = new DeviceRef("alice", ghost.session.deviceId());
                    await().atMost(TestServer.timeout()).until(() -> pendingNoticeFor(alice, second.deviceId()));
                    ghost.await(ghost.session.join(ROOM));
                    alice.await(alice.session.sendRoom(ROOM, "alice before acceptance"));
                    bob.await(bob.session.sendRoom(ROOM, "bob before acceptance"));
                    await().atMost(TestServer.timeout()).until(() -> alice.roomTexts().contains("bob before acceptance"));

                    assertThat(alice.await(alice.session.roomMembership(ROOM)).admits(second)).isFalse();
                    assertThat(alice.await(alice.session.pendingOwnDevices())).containsExactly(second.deviceId());

                    alice.await(alice.session.acceptChanges("alice"));
                    assertThat(alice.await(alice.session.roomMembership(ROOM)).admits(second)).isTrue();
                    assertThat(alice.await(alice.session.pendingOwnDevices())).isEmpty();
                    await().atMost(TestServer.timeout()).ignoreExceptions().until(() -> ghost.await(ghost.session.roomMembership(ROOM))
                            .admits(second));
                    bob.await(bob.session.sendRoom(ROOM, "bob after acceptance"));
                    await().atMost(TestServer.timeout()).until(() -> ghost.roomTexts().contains("bob after acceptance"));

                    assertThat(ghost.roomTexts()).containsExactly("bob after acceptance");
                    assertThat(alice.roomNotices()).contains(RoomNoticeKind.OWN_DEVICE_PENDING, RoomNoticeKind.DEVICE_ADDED);
                    assertThat(bob.roomProblems()).isEmpty();
                }
            }
        }
    }

    private static boolean pendingNoticeFor(E2eDeviceUnderTest alice, long deviceId) {
        return alice.roomEvents.stream().anyMatch(event -> event instanceof RoomEvent.Notice notice
                && notice.kind() == RoomNoticeKind.OWN_DEVICE_PENDING && notice.deviceId() == deviceId
                && notice.user().equals("alice"));
    }

    private E2eDeviceUnderTest device(ParleyServer server, String user, String directory) throws Exception {
        return E2eDeviceUnderTest.start(server.address(), devices.resolve(directory), user, "passphrase of " + user);
    }
}
