package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.EndToEndException;
import org.parley.server.ParleyServer;

/** What the server keeps of end-to-end conversations, and how the device directory guards itself. */
class E2eeServerSeesNothingEndToEndTest {
    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aRandomMarkerSentPrivatelyAppearsInNeitherTheDatabaseNorItsWalNorAnyLog() throws Exception {
        MarkerSearch.assertOnlyTheReceiverKeepsIt(data, devices.resolve("b1"), "the receiving device's history", (server, sent) -> {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest otherAlice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a2"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                alice.send("bob", sent);
                bob.send("alice", "reply to " + sent);
                await().atMost(TestServer.timeout()).until(() -> alice.texts().contains("reply to " + sent)
                        && otherAlice.texts().contains("reply to " + sent) && bob.texts().contains(sent));
            }
        });
    }

    @Test
    void aDeviceDirectoryThatGroupCanReadIsRefusedWithTheChmodHint() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice");
            Path directory = devices.resolve("a1");
            E2eDeviceUnderTest.start(server.address(), directory, "alice", "passphrase of alice").close();
            try (var files = Files.walk(directory)) {
                Path keys = files.filter(f -> f.getFileName().toString().equals("device.keys")).findFirst().orElseThrow();
                Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r-----"));
            }

            assertThatThrownBy(() -> E2eDeviceUnderTest.start(server.address(), directory, "alice", "passphrase of alice"))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(EndToEndException.class)
                    .hasMessageContaining("chmod -R go-rwx");
        }
    }
}
