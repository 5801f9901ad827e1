package org.parley.protocol.alert;

/** The handshake cannot continue: no common suite, bad signature, bad Finished, invalid key share, wrong order. */
public final class HandshakeException extends ParleyException {
    public HandshakeException(Alert alert, String message) {
        super(alert, message);
    }

    public HandshakeException(Alert alert, String message, Throwable cause) {
        super(alert, message, cause);
    }
}
