package org.parley.server.store;

/** A storage failure: a constraint conflict, or the database being unavailable or corrupt. */
public sealed class StoreException extends Exception permits StoreException.Conflict, StoreException.Overloaded {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }

    /** A uniqueness rule was violated: the name is taken. */
    public static sealed class Conflict extends StoreException permits Confusable {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The name is free, but it looks like an existing one (same confusable key); it is refused too. */
    public static final class Confusable extends Conflict {
        public Confusable(String message) {
            super(message);
        }
    }

    /** The write queue is full (more messages waiting for their commit than its bound): try again later. */
    public static final class Overloaded extends StoreException {
        public Overloaded(String message) {
            super(message);
        }
    }
}
