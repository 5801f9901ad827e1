package org.parley.client.e2ee;

/**
 * An outbox file ({@code outbox/<n>}, docs/E2EE.md 20.1) that does not decode: it is set aside
 * and reported ({@link E2eEvent.OutboxEntryUnreadable}); the device still loads the others.
 */
public final class OutboxFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong with it. */
    public enum Reason {
        /** Larger than {@link PendingSendCodec#MAX_BYTES}. */
        TOO_LARGE,
        /** A version or kind this client does not know. */
        UNKNOWN_VERSION,
        /** It ends before its last field. */
        TRUNCATED,
        /** A count or length over its maximum. */
        OVER_LIMIT,
        /** A field whose value is not allowed (a bad suite code, a file name outside {@code sessions/}, ...). */
        BAD_VALUE,
        /** Bytes after the last field. */
        TRAILING_BYTES
    }

    private final Reason reason;

    public OutboxFormatException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
