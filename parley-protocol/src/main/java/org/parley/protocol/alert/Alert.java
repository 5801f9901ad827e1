package org.parley.protocol.alert;

import java.util.Optional;

/**
 * Alert codes sent before a connection closes. See docs/PROTOCOL.md, section "Alerts".
 *
 * <p><b>Security.</b> After the handshake every record failure (bad tag, bad length, bad inner
 * type, bad padding, replay, reordering) is reported with the single code {@link #BAD_RECORD},
 * so the peer learns nothing about which check failed.
 */
public enum Alert {
    /** Orderly, authenticated end of the channel; anything after it is ignored. */
    CLOSE_NOTIFY(0),
    /** A message arrived that the state machine does not allow now. */
    UNEXPECTED_MESSAGE(10),
    /** A record failed authentication or decoding after keys were established. */
    BAD_RECORD(20),
    /** A frame or message declared a length above its documented maximum. */
    RECORD_OVERFLOW(22),
    /** The client's trust policy (pinning) rejected the server's key; a bad signature is {@link #DECRYPT_ERROR}. */
    UNTRUSTED_SERVER_KEY(42),
    /** No suite acceptable to both sides. */
    HANDSHAKE_FAILURE(40),
    /** A field has a value that is well formed but not allowed (invalid key share, unknown code chosen). */
    ILLEGAL_PARAMETER(47),
    /** A message could not be parsed. */
    DECODE_ERROR(50),
    /** A signature or Finished MAC did not verify. */
    DECRYPT_ERROR(51),
    /** The peer speaks a protocol version this side does not. */
    PROTOCOL_VERSION(70),
    /** A failure on this side unrelated to the peer's input. */
    INTERNAL_ERROR(80),
    /**
     * The peer exceeded a documented limit of this side (the server's handshake rate per address
     * or overall, or its KeyUpdate rate per connection); retrying later, or slower, may succeed.
     */
    LIMIT_EXCEEDED(90);

    private final int code;

    Alert(int code) {
        this.code = code;
    }

    /** The wire code (one byte). */
    public int code() {
        return code;
    }

    /** Looks up a wire code; an unknown code is empty, never a silent default. */
    public static Optional<Alert> fromCode(int code) {
        for (Alert alert : values()) {
            if (alert.code == code) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }
}
