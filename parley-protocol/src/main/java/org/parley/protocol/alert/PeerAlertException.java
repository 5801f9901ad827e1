package org.parley.protocol.alert;

/** The peer sent a fatal alert (or an orderly close where data was still expected). */
public final class PeerAlertException extends ParleyException {
    public PeerAlertException(Alert alert) {
        super(alert, "peer sent alert " + alert);
    }
}
