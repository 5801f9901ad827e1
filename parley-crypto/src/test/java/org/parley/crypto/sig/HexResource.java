package org.parley.crypto.sig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.parley.crypto.Bytes;

/** Reads a hex test resource beside this package's tests; lines starting with '#' are comments. */
final class HexResource {

    private HexResource() {
    }

    static Bytes read(String name) {
        try (InputStream in = HexResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return Bytes.fromHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#"))
                    .map(String::strip)
                    .collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
