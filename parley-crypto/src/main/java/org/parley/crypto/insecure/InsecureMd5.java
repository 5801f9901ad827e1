package org.parley.crypto.insecure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bare, unkeyed MD5 as a hex string, the Python original's "integrity check"
 * ({@code hashlib.md5(utf8(s)).hexdigest()}).
 *
 * <p><b>Insecure on purpose.</b> An unkeyed hash is not a MAC: whoever changes a message simply
 * recomputes it. Only the attack lab uses it, to show a forged message passing the check.
 */
public final class InsecureMd5 {
    private InsecureMd5() {
    }

    /** The 32 lowercase hex digits of MD5 over the UTF-8 bytes of {@code text}. */
    public static String hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }
}
