package org.parley.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        assertThat(lines(directory, "history/bob")).containsExactly(HistoryLine.format(whole));

        directory.appendLine("history/bob", "the next line");
        assertThat(lines(directory, "history/bob")).as("the next append starts on its own line")
                .containsExactly(HistoryLine.format(whole), "the next line");
    }

    @Test
    void aHistoryLargerThanAnyOtherFileMayBeIsStillReadLineByLine() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("long"));
        String line = "x".repeat(1_023);
        long lines = DeviceDirectory.MAX_FILE_BYTES / 1_024 + 2;
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(directory.root().resolve("history")))) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.US_ASCII);
            for (long i = 0; i < lines; i++) {
                out.write(bytes);
            }
        }
        directory.appendLine("history", "the last line");

        long[] counted = new long[1];
        String[] last = new String[1];
        directory.forEachAppendedLine("history", l -> {
            counted[0]++;
            last[0] = l;
        });

        assertThat(Files.size(directory.root().resolve("history"))).isGreaterThan(DeviceDirectory.MAX_FILE_BYTES);
        assertThat(counted[0]).isEqualTo(lines + 1);
        assertThat(last[0]).isEqualTo("the last line");
    }

    @Test
    void aLineLongerThanTheBoundIsSkippedWholeAndTheNextOneIsRead() throws Exception {
        Path file = base.resolve("lines");
        Files.writeString(file, "short\n" + "y".repeat(20) + "\n" + "z".repeat(10) + "\nthe end\n");
        List<String> read = new ArrayList<>();

        int skipped = AppendedLines.forEach(file, 10, read::add);

        assertThat(read).containsExactly("short", "z".repeat(10), "the end");
        assertThat(skipped).isEqualTo(1);
    }

    @Test
    void aTornTailIsCutBackToTheLastNewlineEvenFarBeforeTheEnd() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("tail"));
        directory.appendLine("history/bob", "kept");
        Files.writeString(directory.root().resolve("history/bob"), "t".repeat(20_000), java.nio.file.StandardOpenOption.APPEND);

        directory.appendLine("history/bob", "next");

        assertThat(Files.readString(directory.root().resolve("history/bob"))).isEqualTo("kept\nnext\n");
    }

    private static List<String> lines(DeviceDirectory directory, String name) throws Exception {
        List<String> lines = new ArrayList<>();
        directory.forEachAppendedLine(name, lines::add);
        return lines;
    }
}
