package org.parley.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.client.InsecureKeyLogFile;

/** The lab key log: owner-only, the documented line format, the relay's two connections and the lab's client logged. */
class LabRelayKeyLogTest {
    @TempDir
    Path dir;

    @Test
    void aNewKeyLogIsOwnerOnlyAndHoldsLinesOnlyOnceTheConnectionIsNamed() throws Exception {
        Path file = dir.resolve("keys.log");
        try (InsecureKeyLogFile log = InsecureKeyLogFile.open(file)) {
            InsecureKeyLogFile.Connection connection = log.connection();
            connection.log("c ap traffic", SecretBytes.copyOf(new byte[] {1, 2, 3}));
            assertThat(dataLines(file)).isEmpty();
            connection.clientRandom(Bytes.fromHex("ab".repeat(32)));
            connection.log("exporter", SecretBytes.copyOf(new byte[] {(byte) 0xff}));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(dataLines(file)).containsExactly(
                "PARLEY_C_AP_TRAFFIC " + "ab".repeat(32) + " 010203",
                "PARLEY_EXPORTER " + "ab".repeat(32) + " ff");
    }

    @Test
    void aKeyLogOthersCanReadIsRefused() throws Exception {
        Path file = Files.createFile(dir.resolve("shared.log"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r--r--")));
        assertThatThrownBy(() -> InsecureKeyLogFile.open(file)).isInstanceOf(IOException.class).hasMessageContaining("read by others");
    }

    @Test
    void bothEndsOfTheVictimsConnectionLogTheSameSecretsAndTheRelayLogsItsOwnConnectionToTheServer() throws Exception {
        Path file = dir.resolve("relay.log");
        try (LabTarget target = LabTarget.startLocal(dir.resolve("lab")); InsecureKeyLogFile log = InsecureKeyLogFile.open(file)) {
            target.logKeysTo(log);
            ScenarioResult result = Lab.standard().run(Lab.standard().find("login-relay").orElseThrow(), Variant.PARLEY, target);
            assertThat(result.asExpected()).isTrue();
        }
        List<String[]> lines = dataLines(file).stream().map(l -> l.split(" ")).toList();
        Set<String> connections = lines.stream().map(l -> l[1]).collect(Collectors.toSet());
        // At least victim ↔ relay (logged by both its ends: the lab's victim client and the relay's server side,
        // which must agree) and relay ↔ server (logged by the relay's client side); the scenario may connect again.
        assertThat(connections).hasSizeGreaterThanOrEqualTo(2).allSatisfy(random -> assertThat(random).hasSize(64));
        List<String> labels = List.of("PARLEY_SHARED_SECRET", "PARLEY_HANDSHAKE_SECRET", "PARLEY_C_HS_TRAFFIC",
                "PARLEY_S_HS_TRAFFIC", "PARLEY_MASTER_SECRET", "PARLEY_C_AP_TRAFFIC", "PARLEY_S_AP_TRAFFIC", "PARLEY_EXPORTER");
        List<Integer> linesPerConnection = new java.util.ArrayList<>();
        for (String random : connections) {
            List<String[]> mine = lines.stream().filter(l -> l[1].equals(random)).toList();
            assertThat(mine.stream().map(l -> l[0]).distinct()).containsExactlyInAnyOrderElementsOf(labels);
            for (String label : labels) {
                assertThat(mine.stream().filter(l -> l[0].equals(label)).map(l -> l[2]).distinct()).as(label).hasSize(1);
            }
            linesPerConnection.add(mine.size());
        }
        assertThat(linesPerConnection).contains(8, 16).allSatisfy(n -> assertThat(n).isIn(8, 16));
    }

    private static List<String> dataLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
    }
}
