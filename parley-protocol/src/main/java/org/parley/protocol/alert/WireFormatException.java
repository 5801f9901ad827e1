package org.parley.protocol.alert;

/** Bytes that do not parse: truncated, trailing data, a length above its maximum, an unknown code. */
public final class WireFormatException extends ParleyException {
    public WireFormatException(String message) {
        super(Alert.DECODE_ERROR, message);
    }

    public WireFormatException(Alert alert, String message) {
        super(alert, message);
    }

    /** A declared length above its documented maximum, reported before any allocation. */
    public static WireFormatException tooLong(String field, long declared, long maximum) {
        return new WireFormatException(Alert.RECORD_OVERFLOW,
                field + " length " + declared + " exceeds maximum " + maximum);
    }
}
