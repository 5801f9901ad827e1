package org.parley.protocol.auth;

/**
 * A user-authentication message, sent inside the established secure channel; encoded by
 * {@link AuthCodec}.
 *
 * <p>Client to server: {@link ScramClientFirst}, {@link ScramClientFinal}, {@link PublicKeyLogin},
 * {@link Register}. Server to client: {@link ScramServerFirst}, {@link ScramServerFinal},
 * {@link AuthSucceeded}, {@link AuthFailed}. Dispatch with an exhaustive {@code switch}.
 */
public sealed interface AuthMessage
        permits ScramClientFirst, ScramServerFirst, ScramClientFinal, ScramServerFinal,
                PublicKeyLogin, Register, AuthSucceeded, AuthFailed {

    /** The wire type of this message. */
    AuthMessageType type();
}
