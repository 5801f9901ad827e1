package org.parley.protocol.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the independent Python checkers of docs/test-vectors/check/ (written from the docs
 * alone) as part of the build. Where the interpreter, or a Python package a checker needs, is
 * missing, the calling test is skipped with that reason (a JUnit assumption), never passed.
 * The interpreter is {@code python3} on the PATH unless {@code -Dparley.python=...} names another.
 */
public final class PythonChecker {
    /** Generous: a checker takes about a second, but the build machine may be busy. */
    private static final long TIMEOUT_SECONDS = 180;

    private final String python = System.getProperty("parley.python", "python3");

    /** docs/test-vectors under the repository root, found as the vector tests find it. */
    public static Path vectors() {
        return root().resolve("docs/test-vectors");
    }

    /**
     * Skips the calling test unless the interpreter runs {@code probe} (Python source, e.g. an
     * import) with exit status 0; {@code needs} names what the probe stands for in the reason.
     */
    public void assumeRuns(String probe, String needs) throws IOException {
        Outcome outcome;
        try {
            outcome = run(List.of(python, "-B", "-c", probe));
        } catch (IOException e) {
            assumeTrue(false, "no Python interpreter '" + python + "' (" + e.getMessage()
                    + "): install python3 or set -Dparley.python to run the independent check");
            return;
        }
        assumeTrue(outcome.exit() == 0, () -> "'" + python + "' cannot run the independent check, it lacks "
                + needs + ":\n" + outcome.output());
    }

    /**
     * Runs {@code python3 -B docs/test-vectors/check/<script> <files>} in the repository root and
     * returns its output; fails with that output on a non-zero exit or after the timeout.
     */
    public String assertPasses(String script, List<Path> files) throws IOException {
        List<String> command = new ArrayList<>(List.of(python, "-B", "docs/test-vectors/check/" + script));
        files.forEach(f -> command.add(relative(f)));
        Outcome outcome = run(command);
        if (outcome.exit() != 0) {
            fail(String.join(" ", command) + " exited with " + outcome.exit() + ":\n" + outcome.output());
        }
        return outcome.output();
    }

    /** A file's name as the checkers print it: relative to the repository root. */
    public static String relative(Path file) {
        return root().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
    }

    private static Path root() {
        return Path.of(System.getProperty("parley.project.root", ".."));
    }

    private record Outcome(int exit, String output) {
    }

    private static Outcome run(List<String> command) throws IOException {
        Path output = Files.createTempFile("parley-python-check", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s:\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command, e);
            }
            return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
