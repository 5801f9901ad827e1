package org.parley.protocol.identity;

import java.io.IOException;

/** A server key file is missing, malformed, readable by others, or does not match its algorithm. */
public final class KeyFileException extends IOException {
    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
