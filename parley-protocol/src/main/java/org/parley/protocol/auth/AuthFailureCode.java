package org.parley.protocol.auth;

import java.util.Optional;

/**
 * Why the server refused a login or registration, as sent in {@link AuthFailed}; one-byte codes.
 *
 * <p><b>Security.</b> Every failure that could depend on whether the user exists or on the
 * credentials (unknown user, wrong password, wrong key, bad signature, relayed exchange with a
 * different channel binding, tampered nonce) is reported as {@link #INVALID_CREDENTIALS}, so the
 * code is no user-enumeration or password oracle. {@link #UNSUPPORTED_METHOD} depends only on
 * what the client asked for (a signature algorithm never allowed for login keys), never on the
 * account, so it is no oracle either.
 */
public enum AuthFailureCode {
    /** Unknown user, wrong password or key, or a proof bound to another channel. */
    INVALID_CREDENTIALS(1),
    /** The client did not bind the exchange to this channel (SCRAM gs2 flag "n" or "y", or another binding type). */
    CHANNEL_BINDING_REQUIRED(2),
    /**
     * The login method is not offered: a public-key login whose signature algorithm is never
     * allowed for login keys ({@link PublicKeyLoginSigner#ALLOWED_ALGORITHMS}), whoever the user is.
     */
    UNSUPPORTED_METHOD(3),
    /** A SCRAM message did not follow RFC 5802's syntax or Parley's profile of it. */
    MALFORMED_MESSAGE(4),
    /** A message arrived that the exchange does not allow now. */
    UNEXPECTED_MESSAGE(5),
    /** Registration refused; {@link AuthFailed#registrationRejection()} says why. */
    REGISTRATION_REJECTED(6);

    private final int code;

    AuthFailureCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Looks up a wire code; an unknown code is empty. */
    public static Optional<AuthFailureCode> fromCode(int code) {
        for (AuthFailureCode value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
