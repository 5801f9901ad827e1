package org.parley.protocol.auth;

import java.util.Optional;

/**
 * Checks a {@link Register} request's verifier against Parley's policy before the server stores it:
 * iterations between the mechanism's OWASP minimum and {@link ScramMechanism#MAX_ITERATIONS},
 * salt of {@value #MIN_SALT}..{@value #MAX_SALT} bytes, StoredKey and ServerKey of the hash length.
 *
 * <p>User-name availability and invite codes need the server's storage and are checked there.
 *
 * <p><b>Security.</b> Refusing cheap verifiers keeps the server from ever storing a credential
 * that is cheaper than OWASP's PBKDF2 minimum to attack offline.
 */
public final class RegistrationValidator {
    /** Shortest salt accepted (NIST SP 800-132 asks for at least 128 bits). */
    public static final int MIN_SALT = 16;
    /** Longest salt accepted; also the codec's maximum. */
    public static final int MAX_SALT = AuthCodec.MAX_SALT;

    private RegistrationValidator() {
    }

    /** Returns the reason to refuse {@code request}, or empty if its verifier is acceptable. */
    public static Optional<RegistrationRejection> check(Register request) {
        ScramVerifier verifier = request.verifier();
        ScramMechanism mechanism = verifier.mechanism();
        boolean ok = verifier.iterations() >= mechanism.minimumIterations()
                && verifier.iterations() <= ScramMechanism.MAX_ITERATIONS
                && verifier.salt().length() >= MIN_SALT
                && verifier.salt().length() <= MAX_SALT
                && verifier.storedKey().length() == mechanism.keyLength()
                && verifier.serverKey().length() == mechanism.keyLength();
        return ok ? Optional.empty() : Optional.of(RegistrationRejection.VERIFIER_INVALID);
    }

    /** The reply for a refused registration. */
    public static AuthFailed rejection(RegistrationRejection reason) {
        return AuthFailed.registrationRejected(reason);
    }
}
