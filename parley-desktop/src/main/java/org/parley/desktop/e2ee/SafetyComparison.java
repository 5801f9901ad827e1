package org.parley.desktop.e2ee;

import java.util.HexFormat;
import org.parley.crypto.Bytes;
import org.parley.e2ee.safety.SafetyNumber;

/**
 * Compares a safety number the user pasted (the other side's 60 digits, in any grouping, or the
 * hex of their QR payload) or scanned (a QR payload) with ours.
 */
public final class SafetyComparison {
    /** Longer pasted text is refused before it is looked at: digits with spaces or 130 hex digits fit easily. */
    public static final int MAX_PASTED_CHARS = 400;

    /** What a comparison found. */
    public enum Outcome {
        /** The same number: if the other side sees the same, nobody is in the middle. */
        MATCH,
        /** A different number: do not mark the contact verified. */
        NO_MATCH,
        /** Neither 60 digits nor a 65-byte payload (or too long): nothing was compared. */
        UNREADABLE
    }

    private SafetyComparison() {
    }

    /** Compares pasted text with {@code ours}. */
    public static Outcome pasted(SafetyNumber ours, String text) {
        if (text.length() > MAX_PASTED_CHARS) {
            return Outcome.UNREADABLE;
        }
        String compact = text.replaceAll("[\\s-]", "");
        if (compact.length() == ours.digits().length() && compact.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return compact.equals(ours.digits()) ? Outcome.MATCH : Outcome.NO_MATCH;
        }
        if (compact.length() == 2 * SafetyQr.MAX_PAYLOAD_BYTES && compact.chars().allMatch(HexFormat::isHexDigit)) {
            return scanned(ours, Bytes.fromHex(compact.toLowerCase(java.util.Locale.ROOT)));
        }
        return Outcome.UNREADABLE;
    }

    /** Compares a scanned QR payload with {@code ours}. */
    public static Outcome scanned(SafetyNumber ours, Bytes payload) {
        if (payload.length() != ours.qrPayload().length()) {
            return Outcome.UNREADABLE;
        }
        return ours.matchesScanned(payload) ? Outcome.MATCH : Outcome.NO_MATCH;
    }
}
