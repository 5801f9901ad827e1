package org.parley.server.store;

/** A storage failure: a constraint conflict, or the database being unavailable or corrupt. */
public sealed class StoreException extends Exception permits StoreException.Conflict {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }

    /** A uniqueness rule was violated: the name is taken. */
    public static final class Conflict extends StoreException {
        public Conflict(String message) {
            super(message);
        }
    }
}
