package org.parley.server.names;

/**
 * A user or room name broke a rule; the message says which rule, in English, for the person who
 * typed it. It never repeats the name itself (it may hold invisible or control characters).
 */
public final class InvalidNameException extends Exception {
    public InvalidNameException(String message) {
        super(message);
    }
}
