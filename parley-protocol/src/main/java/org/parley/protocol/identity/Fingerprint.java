package org.parley.protocol.identity;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.wire.WireWriter;

/**
 * A server key's fingerprint: SHA-256 over the algorithm code and the encoded public key, shown
 * as {@code SHA256:} and sixteen groups of four hex digits.
 *
 * <pre>
 *   fingerprint = SHA-256( u16 signature_code || opaque public_key&lt;1..2^16-1&gt; )
 * </pre>
 *
 * <p>The algorithm is inside the hash so the same bytes under two algorithms never share a
 * fingerprint.
 */
public record Fingerprint(Bytes sha256) {
    private static final String PREFIX = "SHA256:";

    public Fingerprint {
        if (sha256.length() != 32) {
            throw new IllegalArgumentException("a fingerprint is 32 bytes");
        }
    }

    public static Fingerprint of(SignatureComponent algorithm, Bytes publicKey) {
        Bytes encoded = new WireWriter(publicKey.length() + 4).u16(algorithm.code()).vector16(publicKey).toBytes();
        return new Fingerprint(HashAlgorithm.SHA256.create().digest(encoded));
    }

    /** Parses the display form, ignoring spaces and case. */
    public static Optional<Fingerprint> parse(String text) {
        String compact = text.strip().replace(" ", "").toLowerCase(Locale.ROOT);
        String prefix = PREFIX.toLowerCase(Locale.ROOT);
        if (!compact.startsWith(prefix)) {
            return Optional.empty();
        }
        String hex = compact.substring(prefix.length());
        // ASCII hex only: Character.digit also accepts full-width and other scripts' digits, which
        // Bytes.fromHex then refuses with an exception instead of this method's empty answer.
        if (hex.length() != 64 || !hex.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            return Optional.empty();
        }
        return Optional.of(new Fingerprint(Bytes.fromHex(hex)));
    }

    /** {@code SHA256:ab12 cd34 ...}: sixteen groups of four hex digits. */
    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(sha256.toByteArray());
        StringBuilder out = new StringBuilder(PREFIX);
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(hex, i, i + 4);
        }
        return out.toString();
    }
}
