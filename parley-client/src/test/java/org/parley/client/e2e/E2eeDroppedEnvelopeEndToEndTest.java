package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.client.e2e.E2eePrivateMessagesEndToEndTest.register;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.E2eEvent;
import org.parley.server.ParleyServer;

/**
 * Issue 8: the server loses (or withholds) one queued envelope. The messages after it still
 * decrypt (the ratchet skips the gap) and the user is told that a message from alice is missing.
 */
class E2eeDroppedEnvelopeEndToEndTest {
    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void laterMessagesAreReadAndTheGapIsShownWhenTheServerDropsOneQueuedEnvelope() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            register(server, "alice", "bob");
            E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
            long aliceDevice;
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice")) {
                aliceDevice = alice.session.deviceId();
                alice.send("bob", "one");
                alice.send("bob", "two, which the server drops");
                alice.send("bob", "three");
            }
            dropQueuedEnvelope(data.resolve("parley.db"), "bob", 1);

            try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("three"));

                assertThat(bob.texts()).containsExactly("one", "three");
                assertThat(bob.events).filteredOn(E2eEvent.MessagesMissing.class::isInstance)
                        .containsExactly(new E2eEvent.MessagesMissing("alice", aliceDevice, 1));
                assertThat(bob.events).noneMatch(E2eEvent.DecryptFailure.class::isInstance);
                assertThat(bob.history("alice")).extracting(m -> m.text()).containsExactly("one", "three");
            }
        }
    }

    @Test
    void messagesThatArriveInOrderShowNoGap() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                 E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                alice.send("bob", "one");
                alice.send("bob", "two");
                await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("two"));

                assertThat(bob.events).noneMatch(E2eEvent.MessagesMissing.class::isInstance);
            }
        }
    }

    /** Stands in for a server that loses one envelope: deletes the {@code index}-th (from 0) queued for {@code account}. */
    private static void dropQueuedEnvelope(Path database, String account, int index) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement settings = db.createStatement();
             PreparedStatement drop = db.prepareStatement("DELETE FROM e2e_envelopes WHERE id = "
                     + "(SELECT id FROM e2e_envelopes WHERE account = ? ORDER BY id LIMIT 1 OFFSET ?)")) {
            settings.execute("PRAGMA busy_timeout = 10000");
            drop.setString(1, account);
            drop.setInt(2, index);
            assertThat(drop.executeUpdate()).isEqualTo(1);
        }
    }
}
