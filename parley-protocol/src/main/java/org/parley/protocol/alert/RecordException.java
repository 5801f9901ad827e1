package org.parley.protocol.alert;

/**
 * A protected record failed: authentication, sequence, decoding of the inner plaintext, or the
 * channel ended without an authenticated close. Always {@link Alert#BAD_RECORD} towards the
 * peer; the local message says which check failed, for the log only.
 */
public final class RecordException extends ParleyException {
    public RecordException(String message) {
        super(Alert.BAD_RECORD, message);
    }

    public RecordException(Alert alert, String message) {
        super(alert, message);
    }
}
