package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.EndToEndException;
import org.parley.client.UnacceptedChangesException;
import org.parley.client.e2ee.DeviceNoticeKind;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.server.ParleyServer;

/**
 * A server that misbehaves: its stored state is changed under it (the same rows a hostile server
 * hands out), and every change is refused or shown to the user, never silent.
 */
class E2eeHostileServerEndToEndTest {
    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aSubstitutedPrekeyBundleIsRefusedShownAndNothingIsSent() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                try (Connection db = database()) {
                    // The server swaps in a signed prekey of its own: the signature no longer matches.
                    byte[] record = single(db, "SELECT record FROM e2e_prekeys WHERE account = 'bob' AND kind = 1");
                    record[10] ^= 0x01;
                    update(db, "UPDATE e2e_prekeys SET record = ? WHERE account = 'bob' AND kind = 1", record);
                }

                assertThatThrownBy(() -> alice.send("bob", "should not leave")).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(EndToEndException.class);
                assertThat(alice.events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(
                        E2eEvent.BundleRefused.class, refused -> {
                            assertThat(refused.user()).isEqualTo("bob");
                            assertThat(refused.error()).isEqualTo(E2eeError.BAD_SIGNATURE);
                        }));
                assertThat(alice.history("bob")).isEmpty();
                assertThat(bob.texts()).isEmpty();
            }
        }
    }

    @Test
    void aNewDeviceOfAVerifiedContactIsShownAndBlocksSendingUntilAccepted() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                alice.send("bob", "before verifying");
                alice.session.markVerified("bob", alice.await(alice.session.safetyNumber("bob"))).get(Chatters.seconds(), TimeUnit.SECONDS);
                // To alice, a ghost device slipped in by the server looks exactly like this one.
                try (E2eDeviceUnderTest ghost = E2eDeviceUnderTest.start(server.address(), devices.resolve("b2"), "bob", "passphrase of bob")) {
                    assertThatThrownBy(() -> alice.send("bob", "blocked")).isInstanceOf(ExecutionException.class)
                            .cause().isInstanceOf(UnacceptedChangesException.class);
                    assertThat(alice.events).anySatisfy(event -> assertThat(event)
                            .isEqualTo(new E2eEvent.DeviceNotice("bob", ghost.session.deviceId(), DeviceNoticeKind.ADDED, true)));

                    alice.session.acceptChanges("bob").get(Chatters.seconds(), TimeUnit.SECONDS);
                    alice.send("bob", "after accepting");

                    await().atMost(TestServer.timeout()).until(() -> ghost.texts().contains("after accepting")
                            && bob.texts().contains("after accepting"));
                    assertThat(bob.texts()).doesNotContain("blocked");
                }
            }
        }
    }

    @Test
    void aReplayedEnvelopeIsShownAsAFailureAcknowledgedAndChangesNothing() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
            byte[] captured;
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice")) {
                alice.send("bob", "only once");
                try (Connection db = database()) {
                    captured = single(db, "SELECT envelope FROM e2e_envelopes WHERE account = 'bob'");
                }
                try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                    awaitShownAndAcknowledged(bob, "only once");
                }
                try (Connection db = database()) {
                    await().atMost(TestServer.timeout()).until(() -> count(db) == 0);
                    replay(db, captured, alice.session.deviceId());
                }
                try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                    await().atMost(TestServer.timeout()).until(() -> bob.events.stream()
                            .anyMatch(event -> event instanceof E2eEvent.DecryptFailure));
                    alice.send("bob", "still works");
                    await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("still works"));

                    assertThat(bob.history("alice")).extracting(E2eMessage::text).containsExactly("only once", "still works");
                    try (Connection db = database()) {
                        await().atMost(TestServer.timeout()).until(() -> count(db) == 0);
                    }
                }
            }
        }
    }

    @Test
    void aReplayedStartWhoseSessionWasReplacedTwiceDoesNotTakeOverSending() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
            // Bob's one-time pools are empty, so the first start uses only keys that stay: it can be replayed.
            drainOneTimePrekeysOfBob();
            byte[] captured;
            long aliceDevice;
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice")) {
                aliceDevice = alice.session.deviceId();
                alice.send("bob", "first start");
                try (Connection db = database()) {
                    captured = single(db, "SELECT envelope FROM e2e_envelopes WHERE account = 'bob'");
                }
            }
            try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                awaitShownAndAcknowledged(bob, "first start");
            }
            startTwiceMore(server);
            try (Connection db = database()) {
                await().atMost(TestServer.timeout()).until(() -> count(db) == 0);
                replay(db, captured, aliceDevice);
            }

            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob");
                    Connection db = database()) {
                await().atMost(TestServer.timeout()).until(() -> count(db) == 0);
                bob.send("alice", "a reply on the session alice has");
                await().atMost(TestServer.timeout()).until(() -> !alice.events.isEmpty());

                assertThat(alice.texts()).containsExactly("a reply on the session alice has");
                assertThat(bob.texts()).isEmpty();
                assertThat(bob.events).filteredOn(E2eEvent.DecryptFailure.class::isInstance)
                        .as("the replayed start, shown as the duplicate it is").singleElement()
                        .satisfies(event -> assertThat(((E2eEvent.DecryptFailure) event).error())
                                .isEqualTo(E2eeError.DUPLICATE_MESSAGE));
                assertThat(bob.history("alice")).extracting(E2eMessage::text)
                        .containsExactly("first start", "second start", "third start", "a reply on the session alice has");
            }
        }
    }

    @Test
    void aReplayedStartCarryingARoomKeyWhoseSessionWasReplacedTwiceDoesNotTakeOverSending() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            long aliceDevice;
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                aliceDevice = alice.session.deviceId();
                E2eeRoomsEndToEndTest.roomOf(alice, bob);
            }
            drainOneTimePrekeysOfBob();
            byte[] captured;
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice")) {
                // Alice's first room message sends her sender key to bob in the first start of their session.
                alice.await(alice.session.sendRoom("den", "the room key rides on the first start"));
                try (Connection db = database()) {
                    captured = single(db, "SELECT envelope FROM e2e_envelopes WHERE account = 'bob'");
                }
            }
            try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                try (Connection db = database()) {
                    // Acknowledged before bob's device closes, as in awaitShownAndAcknowledged.
                    await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("the room key rides on the first start")
                            && count(db) == 0);
                }
            }
            startTwiceMore(server);
            try (Connection db = database()) {
                await().atMost(TestServer.timeout()).until(() -> count(db) == 0);
                replay(db, captured, aliceDevice);
            }

            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob");
                    Connection db = database()) {
                await().atMost(TestServer.timeout()).until(() -> count(db) == 0);
                bob.send("alice", "a reply on the session alice has");
                await().atMost(TestServer.timeout()).until(() -> !alice.events.isEmpty());

                assertThat(alice.texts()).containsExactly("a reply on the session alice has");
                assertThat(bob.history("alice")).extracting(E2eMessage::text)
                        .containsExactly("second start", "third start", "a reply on the session alice has");
            }
        }
    }

    /** Bob's one-time pools are emptied, so the next start uses only keys that stay: it can be replayed. */
    private void drainOneTimePrekeysOfBob() throws Exception {
        try (Connection db = database(); PreparedStatement drain = db.prepareStatement(
                "DELETE FROM e2e_prekeys WHERE account = 'bob' AND kind IN (2, 3)")) {
            drain.executeUpdate();
        }
    }

    /**
     * Alice's device forgets its sessions with bob twice and sends him a message each time, so it
     * starts two new sessions, which bob reads: he keeps two per device, and the first one is gone
     * from both sides.
     */
    private void startTwiceMore(ParleyServer server) throws Exception {
        for (String text : java.util.List.of("second start", "third start")) {
            try (var sessions = java.nio.file.Files.walk(devices.resolve("a1"))) {
                for (Path file : sessions.filter(f -> f.getParent().getFileName().toString().equals("sessions")).toList()) {
                    java.nio.file.Files.delete(file);
                }
            }
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice")) {
                alice.send("bob", text);
            }
            try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                awaitShownAndAcknowledged(bob, text);
            }
        }
    }

    @Test
    void aChangedIdentityKeyOfAKnownDeviceIsShownAndItsBundleRefused() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                alice.send("bob", "with the real key");
                await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("with the real key"));
                DeviceKeys substitute = DeviceKeys.generate(new SecureRandom());
                try (Connection db = database(); PreparedStatement statement = db.prepareStatement(
                        "UPDATE e2e_devices SET identity = ?, signing_key = ? WHERE account = 'bob'")) {
                    statement.setBytes(1, substitute.identity().encoded().toByteArray());
                    statement.setBytes(2, substitute.identity().signingKey().toByteArray());
                    assertThat(statement.executeUpdate()).isEqualTo(1);
                }

                assertThatThrownBy(() -> alice.send("bob", "to the substitute")).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(EndToEndException.class);
                assertThat(alice.events).contains(new E2eEvent.DeviceNotice("bob", bob.session.deviceId(),
                        DeviceNoticeKind.IDENTITY_CHANGED, false));
                assertThat(alice.events).anySatisfy(event -> assertThat(event).isInstanceOf(E2eEvent.BundleRefused.class));
                assertThat(bob.texts()).containsExactly("with the real key");
            }
        }
    }

    @Test
    void aGarbageEnvelopeIsAVisibleFailureThatDoesNotBlockTheQueue() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice")) {
                try (Connection db = database()) {
                    replay(db, "not an envelope".getBytes(java.nio.charset.StandardCharsets.UTF_8), alice.session.deviceId());
                }
                alice.send("bob", "after the garbage");
                try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                    await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("after the garbage"));

                    assertThat(bob.events.getFirst()).isInstanceOfSatisfying(E2eEvent.DecryptFailure.class, failure -> {
                        assertThat(failure.fromUser()).isEqualTo("alice");
                        // The first byte, 'n', is not envelope version 1.
                        assertThat(failure.error()).isEqualTo(E2eeError.UNSUPPORTED_VERSION);
                    });
                    try (Connection db = database()) {
                        await().atMost(TestServer.timeout()).until(() -> count(db) == 0);
                    }
                }
            }
        }
    }

    private Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
    }

    private static byte[] single(Connection db, String query) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getBytes(1);
        }
    }

    private static void update(Connection db, String sql, byte[] value) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setBytes(1, value);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    /**
     * Waits until bob shows {@code text} and has acknowledged his queue, before his device closes:
     * an acknowledgement still on its way when the device closed would leave the envelope queued, to
     * be delivered again at its next login, and the test's next step would wait for an empty queue.
     */
    private void awaitShownAndAcknowledged(E2eDeviceUnderTest bob, String text) throws Exception {
        try (Connection db = database()) {
            await().atMost(TestServer.timeout()).until(() -> bob.texts().contains(text) && count(db) == 0);
        }
    }

    private static int count(Connection db) throws Exception {
        try (PreparedStatement statement = db.prepareStatement("SELECT count(*) FROM e2e_envelopes WHERE account = 'bob'");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void replay(Connection db, byte[] envelope, long aliceDevice) throws Exception {
        try (PreparedStatement statement = db.prepareStatement("INSERT INTO e2e_envelopes "
                + "(account, device_id, sender, sender_device, ts, envelope) VALUES ('bob', 1, 'alice', ?, 0, ?)")) {
            statement.setLong(1, aliceDevice);
            statement.setBytes(2, envelope);
            statement.executeUpdate();
        }
    }
}
