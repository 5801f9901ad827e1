package org.parley.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.protocol.identity.Fingerprint;

class DeviceDirectoryTest {
    @TempDir
    Path base;

    @Test
    void aNewDirectoryAndItsFilesAreOwnerOnly() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(DeviceDirectory.location(base, "example.org:7443", "alice"));
        directory.write("sessions/bob.1", new byte[] {1, 2, 3});
        directory.appendLine("history/bob", "a line");

        assertThat(Files.getPosixFilePermissions(directory.root())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(directory.root().resolve("sessions")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(directory.root().resolve("sessions/bob.1")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(directory.root().resolve("history/bob")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(directory.read("sessions/bob.1")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(directory.lines("history/bob")).containsExactly("a line");
    }

    @Test
    void theDeviceFollowsTheServersKeyWhateverAddressOrPortTheServerWasReachedAt() {
        Fingerprint server = new Fingerprint(Bytes.fromHex("ab".repeat(32)));
        Fingerprint another = new Fingerprint(Bytes.fromHex("cd".repeat(32)));

        Path viaPort = DeviceDirectory.location(base, "127.0.0.1:40001", server, "alice");
        Path viaProxy = DeviceDirectory.location(base, "127.0.0.1:40002", server, "alice");
        Path viaName = DeviceDirectory.location(base, "chat.example.org:7443", server, "alice");

        assertThat(viaPort).isEqualTo(viaProxy).isEqualTo(viaName)
                .isEqualTo(base.resolve("e2ee").resolve("key-" + "ab".repeat(32)).resolve("alice"));
        assertThat(DeviceDirectory.location(base, "127.0.0.1:40001", another, "alice")).isNotEqualTo(viaPort);
    }

    @Test
    void anExistingDirectoryOfThePerAddressLayoutIsStillUsed() throws Exception {
        Path legacy = DeviceDirectory.location(base, "example.org:7443", "alice");
        DeviceDirectory.open(legacy).write("device.id", "7".getBytes(StandardCharsets.US_ASCII));

        Path chosen = DeviceDirectory.location(base, "example.org:7443", new Fingerprint(Bytes.fromHex("ab".repeat(32))), "alice");

        assertThat(chosen).isEqualTo(legacy);
    }

    @Test
    void aFileOthersCanReadMakesTheDirectoryRefusedWithTheChmodHint() throws Exception {
        Path root = DeviceDirectory.location(base, "example.org:7443", "alice");
        DeviceDirectory.open(root).write("device.keys", new byte[] {9});
        Files.setPosixFilePermissions(root.resolve("device.keys"), PosixFilePermissions.fromString("rw----r--"));

        assertThatThrownBy(() -> DeviceDirectory.open(root)).isInstanceOf(IOException.class)
                .hasMessageContaining("chmod -R go-rwx");
    }

    @Test
    void aWriteReplacesTheWholeFileAndLeavesNoTemporaryFileBehind() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("d"));
        directory.write("contacts/bob", "old content that is longer".getBytes(StandardCharsets.UTF_8));
        directory.write("contacts/bob", "new".getBytes(StandardCharsets.UTF_8));

        assertThat(directory.lines("contacts/bob")).containsExactly("new");
        try (var files = Files.list(directory.root().resolve("contacts"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("bob");
        }
    }

    @Test
    void aFileLongerThanTheReadersBoundIsRefusedAndOneAtTheBoundIsRead() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("d"));
        directory.write("outbox/1", new byte[101]);
        directory.write("outbox/2", new byte[100]);

        assertThatThrownBy(() -> directory.read("outbox/1", 100)).isInstanceOf(FileTooLargeException.class)
                .hasMessageContaining("100 bytes");
        assertThat(directory.read("outbox/2", 100)).hasValueSatisfying(content -> assertThat(content).hasSize(100));
        assertThat(directory.read("outbox/3", 100)).isEmpty();
    }

    @Test
    void namesThatAreNotPlainlySafeAreHexEncoded() {
        assertThat(FileNames.safe("alice")).isEqualTo("alice");
        assertThat(FileNames.safe("../etc")).isEqualTo("x-2e2e2f657463");
        assertThat(FileNames.safe("Alice")).startsWith("x-");
        assertThat(FileNames.safe("张伟")).startsWith("x-");
    }

    @Test
    void aHistoryLineRoundTripsAndATornLineIsSkipped() {
        E2eMessage message = new E2eMessage("bob", "alice", 2, true, E2eSuite.PQ_RATCHET, "00ff",
                Instant.ofEpochMilli(1234), "你好\ttab\nnewline");
        String line = HistoryLine.format(message);

        assertThat(HistoryLine.parse("bob", line)).contains(message);
        assertThat(HistoryLine.parse("bob", line.substring(0, line.length() / 3))).isEmpty();
    }

    /**
     * A crash during an append can leave the last line cut anywhere, also inside the base64 text at
     * a 4-character boundary, where it would still parse as a message with its text cut short:
     * only lines that end with their newline are read from an append-only file.
     */
    @Test
    void aLastLineCutShortByACrashIsNotReadEvenWhereItWouldParse() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("torn"));
        E2eMessage whole = new E2eMessage("bob", "alice", 2, true, E2eSuite.PQ_RATCHET, "00ff",
                Instant.ofEpochMilli(1234), "the first message");
        String longer = HistoryLine.format(new E2eMessage("bob", "alice", 2, true, E2eSuite.PQ_RATCHET, "0a0b",
                Instant.ofEpochMilli(1235), "a second message, cut by a crash"));
        String torn = longer.substring(0, longer.lastIndexOf('\t') + 1 + 8);
        directory.appendLine("history/bob", HistoryLine.format(whole));
        Files.writeString(directory.root().resolve("history/bob"), torn, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(HistoryLine.parse("bob", torn)).as("the cut line alone looks like a message").isPresent();
        assertThat(directory.appendedLines("history/bob")).containsExactly(HistoryLine.format(whole));

        directory.appendLine("history/bob", "the next line");
        assertThat(directory.appendedLines("history/bob")).as("the next append starts on its own line")
                .containsExactly(HistoryLine.format(whole), "the next line");
    }
}
