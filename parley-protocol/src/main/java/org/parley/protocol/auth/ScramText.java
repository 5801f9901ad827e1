package org.parley.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.parley.crypto.Bytes;

/**
 * The text grammar of RFC 5802 section 7 as Parley profiles it: attributes in a fixed order, no
 * extensions, canonical (padded) base64, printable nonces, saslname escaping of ',' and '='.
 *
 * <p>Strictness gives every SCRAM message one spelling, so what is signed is what was parsed.
 */
final class ScramText {
    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ScramText() {
    }

    /** Checks the codec's bound on a SCRAM text: 1..{@value AuthCodec#MAX_SCRAM_TEXT} UTF-8 bytes. */
    static void requireWireLength(String text) {
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > AuthCodec.MAX_SCRAM_TEXT) {
            throw new IllegalArgumentException("SCRAM text must be 1.." + AuthCodec.MAX_SCRAM_TEXT + " bytes, was " + length);
        }
    }

    /** RFC 5802 saslname: '=' becomes "=3D" and ',' becomes "=2C". */
    static String encodeSaslName(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    /** Inverse of {@link #encodeSaslName}; any other use of '=' is malformed. */
    static String decodeSaslName(String saslName) throws ScramSyntaxException {
        StringBuilder out = new StringBuilder(saslName.length());
        for (int i = 0; i < saslName.length(); i++) {
            char c = saslName.charAt(i);
            if (c != '=') {
                out.append(c);
            } else if (saslName.startsWith("=2C", i)) {
                out.append(',');
                i += 2;
            } else if (saslName.startsWith("=3D", i)) {
                out.append('=');
                i += 2;
            } else {
                throw new ScramSyntaxException("bad escape in saslname");
            }
        }
        return out.toString();
    }

    /** Splits on ',' into exactly {@code count} attributes (empty ones kept). */
    static String[] split(String text, int count) throws ScramSyntaxException {
        String[] parts = text.split(",", -1);
        if (parts.length != count) {
            throw new ScramSyntaxException("expected " + count + " attributes, got " + parts.length);
        }
        return parts;
    }

    /** The value of attribute {@code name} in {@code part} ("name=value"). */
    static String attribute(String part, char name) throws ScramSyntaxException {
        if (part.length() < 2 || part.charAt(0) != name || part.charAt(1) != '=') {
            throw new ScramSyntaxException("expected attribute " + name);
        }
        return part.substring(2);
    }

    static String base64(Bytes value) {
        return ENCODER.encodeToString(value.toByteArray());
    }

    /** Decodes padded base64 and rejects any spelling other than the canonical one. */
    static Bytes decodeBase64(String text) throws ScramSyntaxException {
        byte[] decoded;
        try {
            decoded = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new ScramSyntaxException("invalid base64");
        }
        if (!ENCODER.encodeToString(decoded).equals(text)) {
            throw new ScramSyntaxException("non-canonical base64");
        }
        return Bytes.wrapOwned(decoded);
    }

    /** RFC 5802 c-nonce / s-nonce: printable ASCII except ','. Parley also bounds the length. */
    static boolean isValidNonce(String nonce, int maxLength) {
        if (nonce.isEmpty() || nonce.length() > maxLength) {
            return false;
        }
        return nonce.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != ',');
    }

    /** A decimal positive integer without sign or leading zeros, at most {@code max}. */
    static int parseCount(String text, int max) throws ScramSyntaxException {
        if (text.isEmpty() || text.length() > 10 || text.charAt(0) == '0'
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ScramSyntaxException("iteration count is not a positive decimal");
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new ScramSyntaxException("iteration count above " + max);
        }
        return (int) value;
    }

    /** Random printable nonce: {@code length} random bytes in base64 (no ',' can occur). */
    static String newNonce(SecureRandom random, int length) {
        byte[] nonce = new byte[length];
        random.nextBytes(nonce);
        return ENCODER.encodeToString(nonce);
    }
}
