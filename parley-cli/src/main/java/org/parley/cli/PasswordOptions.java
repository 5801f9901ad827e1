package org.parley.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a password comes from when it is not typed at a prompt: an environment variable or a file.
 *
 * <p><b>Security.</b> There is deliberately no option that takes the password itself: command-line
 * arguments are visible to every local user (ps, /proc) and end up in shell history.
 */
public final class PasswordOptions {

    @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from environment variable VAR.")
    String environmentVariable;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    Path file;

    /** The password from the environment variable or file, if one was named; empty means "prompt". */
    public Optional<char[]> read(CliContext context) throws IOException {
        if (environmentVariable != null) {
            String value = context.env().get(environmentVariable);
            if (value == null || value.isEmpty()) {
                throw new IOException("environment variable " + environmentVariable + " is not set");
            }
            return Optional.of(value.toCharArray());
        }
        if (file != null) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.getFirst().isEmpty()) {
                throw new IOException(file + " holds no password on its first line");
            }
            return Optional.of(lines.getFirst().toCharArray());
        }
        return Optional.empty();
    }

    /** Whether a non-interactive source was named. */
    public boolean given() {
        return environmentVariable != null || file != null;
    }
}
