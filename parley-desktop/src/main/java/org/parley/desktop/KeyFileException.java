package org.parley.desktop;

/** The chosen login key file cannot be used (missing, readable by others, not a Parley key); the message says which. */
final class KeyFileException extends RuntimeException {
    KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
