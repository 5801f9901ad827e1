package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.parley.client.e2ee.ContactDevice;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.server.ParleyServer;

/**
 * Verifying a contact covers the devices the contact had then, each with its key, not whatever
 * the account lists later: a device added to bob's account afterwards is shown unverified and gets
 * no room key of alice's until she accepts bob's changes, while bob's verified device reads on;
 * what that device sends alice, privately or in the room, is marked as coming from a device she
 * has not verified.
 */
class E2eeVouchedDevicesEndToEndTest {
    private static final String ROOM = "den";

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aDeviceAddedAfterTheVerificationIsShownUnverifiedAndWithheldWhileTheVerifiedOneReadsOn() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                E2eeRoomsEndToEndTest.roomOf(alice, bob);
                alice.await(alice.session.markVerified("bob", alice.await(alice.session.safetyNumber("bob"))));

                try (E2eDeviceUnderTest phone = device(server, "bob", "b2")) {
                    long phoneId = phone.session.deviceId();
                    bob.await(bob.session.acceptChanges("bob"));
                    await().atMost(TestServer.timeout()).ignoreExceptions()
                            .until(() -> alice.await(alice.session.roomMembership(ROOM)).devices().size() == 3);

                    alice.await(alice.session.sendRoom(ROOM, "after bob's phone was added"));
                    await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("after bob's phone was added"));

                    assertThat(alice.roomEvents).contains(new RoomEvent.Notice(ROOM, RoomNoticeKind.KEY_WITHHELD_UNACCEPTED,
                            "bob", phoneId, "unaccepted_changes"));
                    assertThat(alice.await(alice.session.contactDevices("bob")))
                            .as("only the device the verification covered is shown verified")
                            .extracting(ContactDevice::deviceId, ContactDevice::verified)
                            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(bob.session.deviceId(), true),
                                    org.assertj.core.groups.Tuple.tuple(phoneId, false));

                    // What the unverified device sends is marked, once, before it; the verified device's is not.
                    phone.await(phone.session.sendRoom(ROOM, "in the room from bob's phone"));
                    phone.await(phone.session.sendRoom(ROOM, "again from bob's phone"));
                    phone.send("alice", "privately from bob's phone");
                    bob.send("alice", "privately from bob's laptop");
                    await().atMost(TestServer.timeout()).until(() -> alice.roomTexts().contains("again from bob's phone")
                            && alice.texts().containsAll(List.of("privately from bob's phone", "privately from bob's laptop")));

                    assertThat(alice.roomEvents).filteredOn(e -> e instanceof RoomEvent.Notice n
                            && n.kind() == RoomNoticeKind.FROM_UNVERIFIED_DEVICE).containsExactly(
                                    new RoomEvent.Notice(ROOM, RoomNoticeKind.FROM_UNVERIFIED_DEVICE, "bob", phoneId, ""));
                    assertThat(alice.events).filteredOn(E2eEvent.FromUnverifiedDevice.class::isInstance)
                            .containsExactly(new E2eEvent.FromUnverifiedDevice("bob", phoneId));
                    int marked = alice.events.indexOf(new E2eEvent.FromUnverifiedDevice("bob", phoneId));
                    assertThat(alice.events.get(marked + 1)).as("right before the phone's message")
                            .isInstanceOfSatisfying(E2eEvent.Message.class,
                                    m -> assertThat(m.message().text()).isEqualTo("privately from bob's phone"));

                    // The history read back from the device directory (after a restart, a reload) keeps the mark per message.
                    assertThat(alice.history("bob")).filteredOn(m -> m.text().startsWith("privately from"))
                            .extracting(E2eMessage::text, E2eMessage::fromUnverifiedDevice)
                            .containsExactlyInAnyOrder(tuple("privately from bob's phone", true),
                                    tuple("privately from bob's laptop", false));
                    List<E2eRoomMessage> roomHistory = alice.await(alice.session.roomHistory(ROOM));
                    assertThat(roomHistory).filteredOn(m -> m.fromDevice() == phoneId && m.fromUser().equals("bob"))
                            .extracting(E2eRoomMessage::text, E2eRoomMessage::fromUnverifiedDevice)
                            .containsExactly(tuple("in the room from bob's phone", true), tuple("again from bob's phone", true));
                    assertThat(roomHistory).filteredOn(m -> m.fromDevice() != phoneId)
                            .isNotEmpty().noneMatch(E2eRoomMessage::fromUnverifiedDevice);

                    alice.await(alice.session.acceptChanges("bob"));
                    alice.await(alice.session.sendRoom(ROOM, "after alice accepted the phone"));
                    await().atMost(TestServer.timeout()).until(() -> phone.roomTexts().contains("after alice accepted the phone"));

                    assertThat(phone.roomTexts()).doesNotContain("after bob's phone was added");
                    assertThat(alice.await(alice.session.contactDevices("bob"))).allMatch(ContactDevice::verified);
                }
            }
        }
    }

    private E2eDeviceUnderTest device(ParleyServer server, String user, String directory) throws Exception {
        return E2eDeviceUnderTest.start(server.address(), devices.resolve(directory), user, "passphrase of " + user);
    }
}
