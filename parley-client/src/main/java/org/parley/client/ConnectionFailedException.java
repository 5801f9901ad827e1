package org.parley.client;

/**
 * The connection could not be made or was lost: refused, timed out, handshake failure, a first
 * contact the user did not trust, a protocol error, or the server closing.
 */
public final class ConnectionFailedException extends ClientException {
    public ConnectionFailedException(String message) {
        super(message);
    }

    public ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
