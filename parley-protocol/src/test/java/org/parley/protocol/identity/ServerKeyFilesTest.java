package org.parley.protocol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.testing.InsecureDeterministicRandom;

class ServerKeyFilesTest {
    @TempDir
    Path directory;

    private static final List<SignatureComponent> ALGORITHMS = List.of(SignatureComponent.ED25519, SignatureComponent.ML_DSA_65);

    @Test
    void createsMissingKeysWithOwnerOnlyPermissionsAndLoadsTheSameKeysLater() throws IOException {
        ServerKeyFiles files = new ServerKeyFiles(directory);

        ServerKeyFiles.Loaded first = files.loadOrCreate(ALGORITHMS, new InsecureDeterministicRandom("keys"));
        ServerKeyFiles.Loaded second = files.loadOrCreate(ALGORITHMS, new InsecureDeterministicRandom("other"));

        assertThat(first.created()).containsExactlyElementsOf(ALGORITHMS);
        assertThat(second.created()).isEmpty();
        for (SignatureComponent algorithm : ALGORITHMS) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.fileFor(algorithm)))).isEqualTo("rw-------");
            assertThat(second.credentials().keyFor(algorithm).orElseThrow().publicKey())
                    .isEqualTo(first.credentials().keyFor(algorithm).orElseThrow().publicKey());
        }
    }

    @Test
    void refusesAKeyFileThatOthersCanRead() throws IOException {
        ServerKeyFiles files = new ServerKeyFiles(directory);
        files.loadOrCreate(ALGORITHMS, new InsecureDeterministicRandom("keys"));
        Path file = files.fileFor(SignatureComponent.ED25519);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> files.load(SignatureComponent.ED25519))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void refusesAFileWhosePublicKeyDoesNotMatchItsPrivateKey() throws IOException {
        ServerKeyFiles files = new ServerKeyFiles(directory);
        files.loadOrCreate(List.of(SignatureComponent.ED25519), new InsecureDeterministicRandom("keys"));
        Path file = files.fileFor(SignatureComponent.ED25519);
        List<String> lines = Files.readAllLines(file);
        String otherPublic = new ServerKeyFiles(directory.resolve("other"))
                .loadOrCreate(List.of(SignatureComponent.ED25519), new InsecureDeterministicRandom("other"))
                .credentials().keyFor(SignatureComponent.ED25519).orElseThrow().publicKey().toHex();
        Files.write(file, List.of(lines.get(0), lines.get(1),
                "public " + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(otherPublic)), lines.get(3)));

        assertThatThrownBy(() -> files.load(SignatureComponent.ED25519))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void refusesAFileThatIsNotAKeyFile() throws IOException {
        ServerKeyFiles files = new ServerKeyFiles(directory);
        Path file = files.fileFor(SignatureComponent.ED25519);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "hello\n");

        assertThatThrownBy(() -> files.load(SignatureComponent.ED25519))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("not a Parley ED25519 server key file");
    }

    @Test
    void writesTheDocumentedTextFormat() throws IOException {
        ServerKeyFiles files = new ServerKeyFiles(directory);
        var loaded = files.loadOrCreate(List.of(SignatureComponent.ED25519), new InsecureDeterministicRandom("keys"));
        var key = loaded.credentials().keyFor(SignatureComponent.ED25519).orElseThrow();

        assertThat(Files.readString(files.fileFor(SignatureComponent.ED25519)))
                .startsWith("parley-server-key 1\nalgorithm ED25519\npublic ")
                .contains(java.util.Base64.getEncoder().encodeToString(key.publicKey().toByteArray()));
    }
}
