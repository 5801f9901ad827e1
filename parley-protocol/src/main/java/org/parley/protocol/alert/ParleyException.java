package org.parley.protocol.alert;

/**
 * The root of every protocol failure. Each carries the {@link Alert} the peer is sent; the
 * message is for local logs and never contains key material, plaintext or whole frames.
 *
 * <p>Parsers and state machines throw only this family, which the fuzz tests check.
 */
public abstract sealed class ParleyException extends Exception
        permits WireFormatException, HandshakeException, RecordException, PeerAlertException {

    private final Alert alert;

    protected ParleyException(Alert alert, String message) {
        super(message);
        this.alert = alert;
    }

    protected ParleyException(Alert alert, String message, Throwable cause) {
        super(message, cause);
        this.alert = alert;
    }

    /** The alert sent to the peer for this failure. */
    public Alert alert() {
        return alert;
    }
}
