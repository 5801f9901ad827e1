package org.parley.e2ee.group;

/**
 * A refused room input, with its typed {@link RoomError}. The message names fields and limits, never
 * a key or plaintext.
 */
public final class RoomException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RoomError error;

    public RoomException(RoomError error, String message) {
        super(message);
        this.error = error;
    }

    public RoomException(RoomError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public RoomError error() {
        return error;
    }

    static RoomException malformed(String message) {
        return new RoomException(RoomError.MALFORMED, message);
    }

    @Override
    public String toString() {
        return "RoomException[" + error + ": " + getMessage() + "]";
    }
}
