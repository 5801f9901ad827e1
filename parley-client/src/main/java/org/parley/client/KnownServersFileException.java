package org.parley.client;

/**
 * The known-servers file could not be read or written, or a line in it is malformed.
 *
 * <p>Unchecked because {@link org.parley.protocol.identity.PinStore} cannot throw checked
 * exceptions; a connection whose pin lookup fails this way fails with
 * {@link ConnectionFailedException}. The message names the file and line, never guesses a fix.
 */
public final class KnownServersFileException extends RuntimeException {
    public KnownServersFileException(String message) {
        super(message);
    }

    public KnownServersFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
