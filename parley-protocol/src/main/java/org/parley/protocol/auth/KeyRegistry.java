package org.parley.protocol.auth;

/**
 * Answers whether a public key is registered for the user named in a {@link PublicKeyLogin}; the
 * server's side of {@link PublicKeyLoginVerifier#verify(PublicKeyLogin, org.parley.crypto.Bytes, KeyRegistry)}.
 *
 * @param <E> the failure a look-up may raise (for example a storage failure)
 */
@FunctionalInterface
public interface KeyRegistry<E extends Exception> {

    /** Whether {@code key} is registered for the login's user (false for an unknown user). */
    boolean isRegistered(RegisteredPublicKey key) throws E;
}
