package org.parley.client;

import java.util.Optional;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.auth.RegistrationRejection;

/**
 * The server refused a login or registration (it then closes the connection), or the client
 * refused the server's proof during a SCRAM login.
 *
 * <p>A wrong password and an unknown user both arrive as {@link AuthFailureCode#INVALID_CREDENTIALS}:
 * the server deliberately does not say which.
 */
public final class LoginFailedException extends ClientException {
    private final Optional<AuthFailureCode> code;
    private final Optional<RegistrationRejection> rejection;

    public LoginFailedException(String message, Optional<AuthFailureCode> code, Optional<RegistrationRejection> rejection) {
        super(message);
        this.code = code;
        this.rejection = rejection;
    }

    /** The server's failure code, empty when the client gave up (e.g. bad server signature). */
    public Optional<AuthFailureCode> code() {
        return code;
    }

    /** Why a registration was refused, when it was. */
    public Optional<RegistrationRejection> rejection() {
        return rejection;
    }
}
