package org.parley.protocol.auth;

import java.util.Optional;

/**
 * Why a registration was refused, carried by {@link AuthFailed} with
 * {@link AuthFailureCode#REGISTRATION_REJECTED}; one-byte wire codes.
 *
 * <p><b>Security.</b> {@link #USERNAME_TAKEN} necessarily tells the client that the name exists;
 * a registration endpoint cannot avoid that, so servers should rate-limit registration attempts.
 */
public enum RegistrationRejection {
    USERNAME_INVALID(1),
    USERNAME_TAKEN(2),
    INVITE_REQUIRED(3),
    INVITE_INVALID(4),
    /** The SCRAM verifier has an unknown mechanism, too few or too many iterations, or wrong lengths. */
    VERIFIER_INVALID(5),
    REGISTRATION_CLOSED(6);

    private final int code;

    RegistrationRejection(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Looks up a wire code; an unknown code is empty. */
    public static Optional<RegistrationRejection> fromCode(int code) {
        for (RegistrationRejection value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
