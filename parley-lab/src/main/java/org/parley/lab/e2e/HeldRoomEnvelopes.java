package org.parley.lab.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The room envelopes a device keeps because it holds no sender key for them: the
 * {@code rooms/<room>/pending} file a client keeps in its device directory (docs/E2EE.md 20.7: one
 * envelope a line, {@code server_id TAB hex(sender name) TAB base64(envelope)}). That a device holds
 * an envelope there shows it received the envelope and could not open it.
 */
public final class HeldRoomEnvelopes {
    private HeldRoomEnvelopes() {
    }

    /** How many envelopes of {@code sender} the device under {@code deviceBase} keeps unopened, in any room. */
    public static long from(Path deviceBase, String sender) throws IOException {
        String hexSender = HexFormat.of().formatHex(sender.getBytes(StandardCharsets.UTF_8));
        List<Path> files;
        try (Stream<Path> all = Files.walk(deviceBase)) {
            files = all.filter(f -> f.getFileName().toString().equals("pending") && f.getParent() != null
                    && f.getParent().getParent() != null
                    && f.getParent().getParent().getFileName().toString().equals("rooms")).toList();
        }
        long held = 0;
        for (Path file : files) {
            held += Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(line -> line.split("\t", -1))
                    .filter(fields -> fields.length == 3 && fields[1].equalsIgnoreCase(hexSender)).count();
        }
        return held;
    }
}
