package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.EndToEndException;
import org.parley.server.ParleyServer;
import org.slf4j.LoggerFactory;

/** What the server keeps of end-to-end conversations, and how the device directory guards itself. */
class E2eeServerSeesNothingEndToEndTest {
    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aRandomMarkerSentPrivatelyAppearsInNeitherTheDatabaseNorItsWalNorAnyLog() throws Exception {
        String marker = "marker-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest otherAlice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a2"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                alice.send("bob", marker + " from alice");
                bob.send("alice", "reply " + marker);
                await().atMost(TestServer.timeout()).until(() -> alice.texts().contains("reply " + marker)
                        && otherAlice.texts().contains("reply " + marker) && bob.texts().contains(marker + " from alice"));
                assertThat(Files.exists(data.resolve("parley.db-wal"))).isTrue();

                assertThat(E2eePrivateMessagesEndToEndTest.anyFileContains(data, needle)).isFalse();
            }
            byte[] stored = java.util.Base64.getEncoder().encode((marker + " from alice").getBytes(StandardCharsets.UTF_8));
            assertThat(E2eePrivateMessagesEndToEndTest.anyFileContains(devices.resolve("b1"), stored))
                    .as("the byte search finds the message where it is kept: the receiving device's history").isTrue();
        } finally {
            root.detachAppender(logs);
        }
        assertThat(E2eePrivateMessagesEndToEndTest.anyFileContains(data, needle)).isFalse();
        assertThat(logs.list).isNotEmpty().noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains(marker));
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
