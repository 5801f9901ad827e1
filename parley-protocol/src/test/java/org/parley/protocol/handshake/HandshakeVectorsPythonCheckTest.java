package org.parley.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.testing.PythonChecker;

/**
 * The build runs the independent check docs/test-vectors/check/check_handshake.py (written from
 * PROTOCOL.md alone) on every docs/test-vectors/PARLEY1_*.json: the folder is listed, so a new
 * vector file is checked as soon as it exists, and every file needs its own result line. Skipped,
 * with the reason, where python3 or its 'cryptography' package with ML-KEM and ML-DSA is missing.
 */
class HandshakeVectorsPythonCheckTest {
    @Test
    void theIndependentCheckReproducesEveryHandshakeVectorFile() throws IOException {
        PythonChecker python = new PythonChecker();
        python.assumeRuns("from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, mldsa, mlkem,"
                        + " x448, x25519; ec.ECDSA(None, deterministic_signing=True)",
                "the 'cryptography' package with ML-KEM-768, ML-DSA-65 and deterministic ECDSA"
                        + " (a recent release: pip install --upgrade cryptography)");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(PythonChecker.vectors(), "PARLEY1_*.json")) {
            found.forEach(files::add);
        }
        files.sort(null);
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("PARLEY1_X25519_ED25519_CHACHA20POLY1305_SHA256.json",
                        "PARLEY1_X25519MLKEM768_MLDSA65_AES256GCM_SHA384.json");

        String output = python.assertPasses("check_handshake.py", files);

        for (Path file : files) {
            assertThat(output.lines()).as("the checker's result for %s in:%n%s", file, output)
                    .anyMatch(line -> line.startsWith(PythonChecker.relative(file) + ": ")
                            && line.contains(" reproduced; shared secret recomputed "));
        }
    }
}
