package org.parley.server.ops;

/** An operator command failed: unknown user, bad input, or the database could not be used. */
public final class OperatorException extends RuntimeException {
    public OperatorException(String message) {
        super(message);
    }

    public OperatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
