package org.parley.lab.inspect;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.crypto.SecretBytes;

/**
 * A key log read back (the format of docs/LAB.md, written by {@code InsecureKeyLogFile}): for each
 * connection, named by its ClientHello random, the secrets of PROTOCOL.md 9.7 by their log label
 * ({@code c hs traffic}). At most {@value #MAX_BYTES} bytes; a secret is 1..64 bytes. A malformed
 * line, an unknown label or a random that is not 32 bytes is refused with its line number.
 */
public final class KeyLog {
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    static final Set<String> LABELS = Set.of("shared secret", "handshake secret", "c hs traffic", "s hs traffic",
            "master secret", "c ap traffic", "s ap traffic", "exporter");

    private final Map<String, Map<String, SecretBytes>> byRandom;

    private KeyLog(Map<String, Map<String, SecretBytes>> byRandom) {
        this.byRandom = byRandom;
    }

    public static KeyLog read(Path file) throws IOException, KeyLogFormatException {
        if (Files.size(file) > MAX_BYTES) {
            throw new KeyLogFormatException(0, "file larger than " + MAX_BYTES + " bytes");
        }
        List<String> lines;
        try {
            lines = List.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString().split("\n"));
        } catch (CharacterCodingException e) {
            throw new KeyLogFormatException(0, "not UTF-8 text, so not a Parley key log");
        }
        return parse(lines);
    }

    static KeyLog parse(List<String> lines) throws KeyLogFormatException {
        Map<String, Map<String, SecretBytes>> byRandom = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(" ");
            if (fields.length != 3 || !fields[0].startsWith("PARLEY_")) {
                throw new KeyLogFormatException(i + 1, "expected PARLEY_<LABEL> <client_random> <secret>");
            }
            String label = fields[0].substring("PARLEY_".length()).toLowerCase(Locale.ROOT).replace('_', ' ');
            if (!LABELS.contains(label)) {
                throw new KeyLogFormatException(i + 1, "unknown label " + fields[0]);
            }
            if (!fields[1].matches("[0-9a-fA-F]{64}")) {
                throw new KeyLogFormatException(i + 1, "client random is not 32 bytes of hex");
            }
            if (!fields[2].matches("([0-9a-fA-F]{2}){1,64}")) {
                throw new KeyLogFormatException(i + 1, "secret is not 1..64 bytes of hex");
            }
            byRandom.computeIfAbsent(fields[1].toLowerCase(Locale.ROOT), r -> new HashMap<>())
                    .put(label, SecretBytes.wrapOwned(HexFormat.of().parseHex(fields[2])));
        }
        return new KeyLog(byRandom);
    }

    /** The secrets logged for the connection whose ClientHello random is {@code clientRandomHex}. */
    public Optional<Secrets> connection(String clientRandomHex) {
        return Optional.ofNullable(byRandom.get(clientRandomHex)).map(Secrets::new);
    }

    /** How many connections the log names. */
    public int size() {
        return byRandom.size();
    }

    /** The secrets of one connection. */
    public record Secrets(Map<String, SecretBytes> byLabel) {
        public Optional<SecretBytes> get(String label) {
            return Optional.ofNullable(byLabel.get(label));
        }
    }
}
