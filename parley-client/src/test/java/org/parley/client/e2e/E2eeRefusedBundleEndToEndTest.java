package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.UnacceptedChangesException;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.e2ee.E2eeError;
import org.parley.server.ParleyServer;

/**
 * One device whose prekey bundle the server serves broken (its signed prekey changed, so the
 * signature fails): a private message and a room's sender keys still reach every other device, the
 * sender is shown which device was left out and why, the left-out device cannot read that message
 * (for a private one it is told that the sender's device could not encrypt it for this device), and once its bundle is sound again the next send reaches it.
 */
class E2eeRefusedBundleEndToEndTest {
    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aPrivateMessageReachesEveryDeviceButTheOneWithTheBrokenBundleWhichIsTriedAgainNextTime() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest alicePhone = device(server, "alice", "a2");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest bobPhone = device(server, "bob", "b2")) {
                List<byte[]> bobPhoneRecords = breakSignedPrekey("bob", bobPhone.session.deviceId());
                List<byte[]> alicePhoneRecords = breakSignedPrekey("alice", alicePhone.session.deviceId());

                alice.send("bob", "while two bundles are broken");

                await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("while two bundles are broken")
                        && bobPhone.events.contains(new E2eEvent.NotEncryptedForThisDevice("alice", alice.session.deviceId()))
                        && alicePhone.events.contains(new E2eEvent.NotEncryptedForThisDevice("alice", alice.session.deviceId())));
                assertThat(bobPhone.events).noneMatch(E2eEvent.DecryptFailure.class::isInstance);
                assertThat(alicePhone.events).noneMatch(E2eEvent.DecryptFailure.class::isInstance);
                assertThat(refusedDevices(alice)).containsExactlyInAnyOrder(
                        "bob/" + bobPhone.session.deviceId(), "alice/" + alicePhone.session.deviceId());
                assertThat(alice.events).filteredOn(E2eEvent.BundleRefused.class::isInstance)
                        .allSatisfy(e -> assertThat(((E2eEvent.BundleRefused) e).error()).isEqualTo(E2eeError.BAD_SIGNATURE));
                assertThat(bobPhone.texts()).isEmpty();
                assertThat(alicePhone.texts()).isEmpty();

                restoreSignedPrekey("bob", bobPhone.session.deviceId(), bobPhoneRecords);
                restoreSignedPrekey("alice", alicePhone.session.deviceId(), alicePhoneRecords);
                alice.send("bob", "after the bundles are sound");

                await().atMost(TestServer.timeout()).until(() -> bobPhone.texts().contains("after the bundles are sound")
                        && alicePhone.texts().contains("after the bundles are sound")
                        && bob.texts().contains("after the bundles are sound"));
                assertThat(refusedDevices(alice)).hasSize(2);
            }
        }
    }

    @Test
    void aRoomMemberDeviceWithABrokenBundleDoesNotStopTheOthersAndGetsTheKeyAtTheNextSend() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob", "carol");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest carol = device(server, "carol", "c1")) {
                E2eeRoomsEndToEndTest.roomOf(alice, bob, carol);
                List<byte[]> carolRecords = breakSignedPrekey("carol", carol.session.deviceId());

                alice.await(alice.session.sendRoom("den", "while carol's bundle is broken"));

                await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("while carol's bundle is broken"));
                assertThat(refusedDevices(alice)).containsExactly("carol/" + carol.session.deviceId());
                assertThat(alice.roomNotices()).contains(RoomNoticeKind.KEY_NOT_DELIVERED);

                restoreSignedPrekey("carol", carol.session.deviceId(), carolRecords);
                alice.await(alice.session.sendRoom("den", "after carol's bundle is sound"));

                await().atMost(TestServer.timeout()).until(() -> carol.roomTexts().contains("after carol's bundle is sound")
                        && bob.roomTexts().contains("after carol's bundle is sound"));
                assertThat(carol.roomTexts()).doesNotContain("while carol's bundle is broken");
            }
        }
    }

    @Test
    void aListedDeviceWithAnUnparseableIdentityIsShownAndLeftOutWhileTheOthersSendAndReceive() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest bobPhone = device(server, "bob", "b2")) {
                byte[] sound = identityOf("bob", bobPhone.session.deviceId());
                setIdentity("bob", bobPhone.session.deviceId(), garbage());

                bob.send("alice", "from the sound device");
                await().atMost(TestServer.timeout()).until(() -> alice.texts().contains("from the sound device"));
                alice.send("bob", "to the sound device only");

                await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("to the sound device only")
                        && bobPhone.events.contains(new E2eEvent.NotEncryptedForThisDevice("alice", alice.session.deviceId())));
                assertThat(refusedDevices(alice)).isNotEmpty().containsOnly("bob/" + bobPhone.session.deviceId());
                assertThat(bobPhone.texts()).doesNotContain("to the sound device only");

                // The refused device was never recorded, so for a verified contact its sound identity
                // later is an added device that stops sending until accepted, not a silently accepted one.
                alice.await(alice.session.markVerified("bob", alice.await(alice.session.safetyNumber("bob"))));
                setIdentity("bob", bobPhone.session.deviceId(), sound);
                assertThatThrownBy(() -> alice.send("bob", "after verifying")).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(UnacceptedChangesException.class);
            }
        }
    }

    @Test
    void aRoomMemberDeviceWhoseExistingSessionRefusesToEncryptIsLeftOutWhileTheOthersRead() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob", "carol");
            try (E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest carol = device(server, "carol", "c1")) {
                long carolDevice = carol.session.deviceId();
                try (E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                    E2eeRoomsEndToEndTest.roomOf(alice, bob, carol);
                    alice.send("carol", "a session with carol first");
                    await().atMost(TestServer.timeout()).until(() -> carol.texts().contains("a session with carol first"));
                }
                exhaustSendingChain(devices.resolve("a1"), "carol." + carolDevice);

                try (E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                    alice.await(alice.session.sendRoom("den", "while carol's session cannot encrypt"));

                    await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("while carol's session cannot encrypt"));
                    assertThat(alice.roomNotices()).contains(RoomNoticeKind.KEY_NOT_DELIVERED);
                    assertThat(carol.roomTexts()).doesNotContain("while carol's session cannot encrypt");
                }
            }
        }
    }

    /**
     * Sets the sending message number of a stored session with one message sent (encoded as u32 1
     * then the previous chain's length u32 0, the first such bytes of the file) to the last one, so
     * its next encryption is refused ("sending chain exhausted").
     */
    private static void exhaustSendingChain(Path deviceDirectory, String sessionFile) throws Exception {
        Path file;
        try (var walk = java.nio.file.Files.walk(deviceDirectory)) {
            file = walk.filter(f -> f.getFileName().toString().equals(sessionFile)).findFirst().orElseThrow();
        }
        byte[] stored = java.nio.file.Files.readAllBytes(file);
        byte[] counters = {0, 0, 0, 1, 0, 0, 0, 0};
        int at = -1;
        for (int i = 0; i + counters.length <= stored.length && at < 0; i++) {
            if (java.util.Arrays.equals(stored, i, i + counters.length, counters, 0, counters.length)) {
                at = i;
            }
        }
        assertThat(at).isPositive();
        stored[at] = (byte) 0xff;
        stored[at + 1] = (byte) 0xff;
        stored[at + 2] = (byte) 0xff;
        stored[at + 3] = (byte) 0xff;
        java.nio.file.Files.write(file, stored);
    }

    private static byte[] garbage() {
        byte[] garbage = new byte[96];
        java.util.Arrays.fill(garbage, (byte) 7);
        return garbage;
    }

    private byte[] identityOf(String account, long deviceId) throws Exception {
        try (Connection db = database(); PreparedStatement select = db.prepareStatement(
                "SELECT identity FROM e2e_devices WHERE account = ? AND device_id = ?")) {
            select.setString(1, account);
            select.setLong(2, deviceId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private void setIdentity(String account, long deviceId, byte[] identity) throws Exception {
        try (Connection db = database(); PreparedStatement update = db.prepareStatement(
                "UPDATE e2e_devices SET identity = ? WHERE account = ? AND device_id = ?")) {
            update.setBytes(1, identity);
            update.setString(2, account);
            update.setLong(3, deviceId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<String> refusedDevices(E2eDeviceUnderTest device) {
        return device.events.stream().filter(E2eEvent.BundleRefused.class::isInstance).map(e -> (E2eEvent.BundleRefused) e)
                .map(r -> r.user() + "/" + r.deviceId()).toList();
    }

    private E2eDeviceUnderTest device(ParleyServer server, String user, String directory) throws Exception {
        return E2eDeviceUnderTest.start(server.address(), devices.resolve(directory), user, "passphrase of " + user);
    }

    /** Flips a bit of the device's signed prekey as the server stores it; returns the originals. */
    private List<byte[]> breakSignedPrekey(String account, long deviceId) throws Exception {
        List<byte[]> originals = new ArrayList<>();
        try (Connection db = database(); PreparedStatement select = db.prepareStatement(
                "SELECT record FROM e2e_prekeys WHERE account = ? AND device_id = ? AND kind = 1")) {
            select.setString(1, account);
            select.setLong(2, deviceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    originals.add(rows.getBytes(1));
                }
            }
        }
        assertThat(originals).isNotEmpty();
        replace(account, deviceId, originals, flipped(originals));
        return originals;
    }

    private void restoreSignedPrekey(String account, long deviceId, List<byte[]> originals) throws Exception {
        replace(account, deviceId, flipped(originals), originals);
    }

    /** The stored records with one bit of the signed key flipped (byte 10), so their signature fails. */
    private static List<byte[]> flipped(List<byte[]> originals) {
        List<byte[]> broken = new ArrayList<>();
        for (byte[] record : originals) {
            byte[] copy = record.clone();
            copy[10] ^= 0x01;
            broken.add(copy);
        }
        return broken;
    }

    private void replace(String account, long deviceId, List<byte[]> from, List<byte[]> to) throws Exception {
        try (Connection db = database(); PreparedStatement update = db.prepareStatement(
                "UPDATE e2e_prekeys SET record = ? WHERE account = ? AND device_id = ? AND kind = 1 AND record = ?")) {
            for (int i = 0; i < from.size(); i++) {
                update.setBytes(1, to.get(i));
                update.setString(2, account);
                update.setLong(3, deviceId);
                update.setBytes(4, from.get(i));
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
    }
}
