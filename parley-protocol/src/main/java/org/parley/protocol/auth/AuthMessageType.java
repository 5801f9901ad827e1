package org.parley.protocol.auth;

import java.util.Optional;

/**
 * The user-authentication message types and their one-byte wire codes (docs/PROTOCOL.md,
 * "User authentication").
 */
public enum AuthMessageType {
    SCRAM_CLIENT_FIRST(1),
    SCRAM_SERVER_FIRST(2),
    SCRAM_CLIENT_FINAL(3),
    SCRAM_SERVER_FINAL(4),
    PUBLIC_KEY_LOGIN(5),
    REGISTER(6),
    AUTH_SUCCEEDED(7),
    AUTH_FAILED(8);

    private final int code;

    AuthMessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Looks up a wire code; an unknown code is empty, never a silent default. */
    public static Optional<AuthMessageType> fromCode(int code) {
        for (AuthMessageType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
