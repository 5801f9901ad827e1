package org.parley.client;

import java.nio.file.Path;
import java.util.Optional;
import org.parley.protocol.identity.Fingerprint;

/**
 * One line of the known-servers file as read: its exact text, and the pin it holds unless it is
 * blank or a comment. Any other line is an error naming the file and line number.
 */
record KnownServerLine(String text, Optional<KnownServerEntry> entry) {

    static KnownServerLine parse(Path file, int number, String text) {
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) {
            return new KnownServerLine(text, Optional.empty());
        }
        String[] fields = stripped.split("\\s+", 2);
        if (fields.length != 2 || !KnownServerEntry.isValidServer(fields[0])) {
            throw malformed(file, number, "expected 'host:port SHA256:<64 hex digits>'");
        }
        Fingerprint fingerprint = Fingerprint.parse(fields[1])
                .orElseThrow(() -> malformed(file, number, "the fingerprint must be SHA256: and 64 hex digits"));
        return new KnownServerLine(text, Optional.of(new KnownServerEntry(fields[0], fingerprint)));
    }

    private static KnownServersFileException malformed(Path file, int number, String why) {
        return new KnownServersFileException(file + ":" + number + ": malformed line, " + why);
    }
}
