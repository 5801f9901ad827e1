package org.parley.protocol.chat;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.parley.crypto.Bytes;

/**
 * A sender-chosen name for one message, 16 random bytes (docs/PROTOCOL.md 14.5, "Sending once"):
 * a send repeated with the same id (after a lost answer, on a new connection) is answered with
 * the outcome of the first instead of being stored again. All zeros is refused: it is what an id
 * nobody set looks like.
 */
public record SendId(Bytes value) {
    public static final int LENGTH = 16;

    public SendId {
        Objects.requireNonNull(value, "value");
        if (value.length() != LENGTH) {
            throw new IllegalArgumentException("a send id is " + LENGTH + " bytes, not " + value.length());
        }
        if (isZero(value)) {
            throw new IllegalArgumentException("a send id must not be all zeros");
        }
    }

    /** A fresh id from {@code random}. */
    public static SendId random(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        do {
            random.nextBytes(bytes);
        } while (isZero(Bytes.copyOf(bytes)));
        return new SendId(Bytes.wrapOwned(bytes));
    }

    static boolean isZero(Bytes value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The first 8 bytes in hex: enough to tell sends apart in a test or a diagnostic, and no secret. */
    @Override
    public String toString() {
        return "SendId[" + HexFormat.of().formatHex(value.toByteArray(), 0, 8) + "…]";
    }
}
