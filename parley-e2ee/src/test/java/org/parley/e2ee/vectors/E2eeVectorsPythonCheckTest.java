package org.parley.e2ee.vectors;

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
 * The build runs the independent checks docs/test-vectors/check/check_e2ee.py (and through it
 * check_room.py), written from E2EE.md alone, on every docs/test-vectors/E2EE_*.json: the folder is
 * listed, so a new file the checker has no check for fails here (check_e2ee.py refuses a file of
 * an unknown shape). Skipped, with the reason, where python3 or its 'cryptography' package with
 * ML-KEM is missing.
 */
class E2eeVectorsPythonCheckTest {
    @Test
    void theIndependentCheckReproducesEveryE2eeVectorFile() throws IOException {
        PythonChecker python = new PythonChecker();
        python.assumeRuns("from cryptography.hazmat.primitives.asymmetric import ed25519, mlkem, x25519",
                "the 'cryptography' package with ML-KEM-768 (a recent release: pip install --upgrade cryptography)");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(PythonChecker.vectors(), "E2EE_*.json")) {
            found.forEach(files::add);
        }
        files.sort(null);
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("E2EE_classic.json", "E2EE_room.json", "E2EE_safety-number.json");

        String output = python.assertPasses("check_e2ee.py", files);

        for (Path file : files) {
            assertThat(output.lines()).as("the checker's result for %s", file)
                    .anyMatch(line -> line.startsWith(PythonChecker.relative(file) + ": ")
                            && (line.contains("reproduced") || line.contains("rebuilt")));
        }
    }
}
