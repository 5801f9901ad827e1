package org.parley.protocol.record;

import java.util.Optional;

/** The outer type byte of every frame (docs/PROTOCOL.md, "Frames"). */
public enum FrameType {
    /** A plaintext alert: sent before the sender has handshake keys, accepted only during the handshake. */
    ALERT(0x15),
    /** A plaintext handshake message: ClientHello or ServerHello. */
    HANDSHAKE(0x16),
    /** A protected record; the real content type is inside the ciphertext. */
    ENCRYPTED(0x17);

    /** {@code values()} once: the lookup runs per record, and {@code values()} copies its array each call. */
    private static final FrameType[] ALL = values();
    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<FrameType> fromCode(int code) {
        for (FrameType type : ALL) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
