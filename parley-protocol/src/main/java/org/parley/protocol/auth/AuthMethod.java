package org.parley.protocol.auth;

import java.util.Optional;

/** How a user proved their identity, as reported in {@link AuthSucceeded}; one-byte wire codes. */
public enum AuthMethod {
    SCRAM_SHA_256(1),
    SCRAM_SHA_512(2),
    PUBLIC_KEY(3),
    /** The user has just registered on this connection and is logged in as the new account. */
    REGISTRATION(4);

    private final int code;

    AuthMethod(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Looks up a wire code; an unknown code is empty. */
    public static Optional<AuthMethod> fromCode(int code) {
        for (AuthMethod method : values()) {
            if (method.code == code) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
