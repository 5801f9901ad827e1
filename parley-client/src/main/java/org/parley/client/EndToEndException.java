package org.parley.client;

import org.parley.e2ee.E2eeError;

/**
 * An end-to-end operation failed: no device is set up, a bundle was refused, the device list
 * kept changing, or local storage failed. {@code error} is the core's refusal when there was one.
 */
public final class EndToEndException extends ClientException {
    private final transient java.util.Optional<E2eeError> error;

    public EndToEndException(String message) {
        super(message);
        this.error = java.util.Optional.empty();
    }

    public EndToEndException(String message, Throwable cause) {
        super(message, cause);
        this.error = java.util.Optional.empty();
    }

    public EndToEndException(E2eeError error, String message) {
        super(message);
        this.error = java.util.Optional.of(error);
    }

    public java.util.Optional<E2eeError> error() {
        return error;
    }
}
