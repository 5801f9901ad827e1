package org.parley.protocol.auth;

import org.parley.crypto.Bytes;

/**
 * The checks on the channel-binding value the secure channel hands to user authentication: 32
 * bytes derived from the handshake's exporter secret, unique per connection.
 */
final class ChannelBinding {
    /** Length of the channel-binding value in bytes. */
    static final int LENGTH = 32;

    private ChannelBinding() {
    }

    /** @throws IllegalArgumentException unless {@code value} has exactly {@value #LENGTH} bytes */
    static Bytes require(Bytes value) {
        if (value.length() != LENGTH) {
            throw new IllegalArgumentException("channel binding must be " + LENGTH + " bytes, was " + value.length());
        }
        return value;
    }
}
