package org.parley.protocol.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The server refused a login or registration.
 *
 * <p>{@code registrationRejection} is present exactly when the code is
 * {@link AuthFailureCode#REGISTRATION_REJECTED}.
 */
public record AuthFailed(AuthFailureCode code, Optional<RegistrationRejection> registrationRejection)
        implements AuthMessage {
    public AuthFailed {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(registrationRejection, "registrationRejection");
        if ((code == AuthFailureCode.REGISTRATION_REJECTED) != registrationRejection.isPresent()) {
            throw new IllegalArgumentException("a registration rejection reason goes with REGISTRATION_REJECTED only");
        }
    }

    /** A login failure with {@code code} (not a registration rejection). */
    public static AuthFailed of(AuthFailureCode code) {
        return new AuthFailed(code, Optional.empty());
    }

    /** A registration rejection for {@code reason}. */
    public static AuthFailed registrationRejected(RegistrationRejection reason) {
        return new AuthFailed(AuthFailureCode.REGISTRATION_REJECTED, Optional.of(reason));
    }

    @Override
    public AuthMessageType type() {
        return AuthMessageType.AUTH_FAILED;
    }
}
