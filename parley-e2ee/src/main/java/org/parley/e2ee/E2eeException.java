package org.parley.e2ee;

/**
 * A refused end-to-end input, with its typed {@link E2eeError}. The message names the field and the
 * limit, never a key or plaintext.
 */
public final class E2eeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final E2eeError error;

    public E2eeException(E2eeError error, String message) {
        super(message);
        this.error = error;
    }

    public E2eeException(E2eeError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public E2eeError error() {
        return error;
    }

    /** Shorthand for a {@link E2eeError#MALFORMED} refusal. */
    public static E2eeException malformed(String message) {
        return new E2eeException(E2eeError.MALFORMED, message);
    }

    @Override
    public String toString() {
        return "E2eeException[" + error + ": " + getMessage() + "]";
    }
}
