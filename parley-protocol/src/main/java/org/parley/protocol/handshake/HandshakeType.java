package org.parley.protocol.handshake;

import java.util.Optional;

/** Handshake message types; also the dispatch table of {@link HandshakeCodec}. */
public enum HandshakeType {
    CLIENT_HELLO(1),
    SERVER_HELLO(2),
    SERVER_IDENTITY(11),
    SERVER_SIGNATURE(15),
    FINISHED(20);

    private final int code;

    HandshakeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<HandshakeType> fromCode(int code) {
        for (HandshakeType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
