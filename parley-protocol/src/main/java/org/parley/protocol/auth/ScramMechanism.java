package org.parley.protocol.auth;

import java.util.Optional;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.password.JcaPbkdf2PasswordHasher;

/**
 * The SCRAM mechanisms Parley offers (RFC 5802 with RFC 7677's SHA-256, and SHA-512), with their
 * one-byte wire codes and iteration policy.
 *
 * <p><b>Security.</b> {@link #minimumIterations()} is OWASP's PBKDF2 minimum for the hash, so a
 * stolen verifier costs an offline attacker at least that much per password guess. Clients refuse
 * a server-first message below it; servers refuse to register a verifier below it.
 * {@link #MAX_ITERATIONS} bounds the work a peer can make the other side do.
 */
public enum ScramMechanism {
    SCRAM_SHA_256(1, "SCRAM-SHA-256", HashAlgorithm.SHA256, AuthMethod.SCRAM_SHA_256),
    SCRAM_SHA_512(2, "SCRAM-SHA-512", HashAlgorithm.SHA512, AuthMethod.SCRAM_SHA_512);

    /** Upper bound on the iteration count either side accepts (about 3 s of PBKDF2-SHA256 here). */
    public static final int MAX_ITERATIONS = 10_000_000;

    private final int code;
    private final String saslName;
    private final HashAlgorithm hash;
    private final AuthMethod method;

    ScramMechanism(int code, String saslName, HashAlgorithm hash, AuthMethod method) {
        this.code = code;
        this.saslName = saslName;
        this.hash = hash;
        this.method = method;
    }

    /** The one-byte wire code. */
    public int code() {
        return code;
    }

    /** The IANA SASL mechanism name, e.g. {@code SCRAM-SHA-256}. */
    public String saslName() {
        return saslName;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** Length in bytes of StoredKey, ServerKey, proofs and signatures. */
    public int keyLength() {
        return hash.length();
    }

    /** The method reported in {@link AuthSucceeded} after a login with this mechanism. */
    public AuthMethod method() {
        return method;
    }

    /** OWASP's PBKDF2 minimum for this hash: 600,000 (SHA-256) or 210,000 (SHA-512). */
    public int minimumIterations() {
        return JcaPbkdf2PasswordHasher.minimumIterations(hash);
    }

    /** The count new verifiers and unknown-user replies use: the minimum. */
    public int defaultIterations() {
        return minimumIterations();
    }

    /** Looks up a wire code; an unknown code is empty. */
    public static Optional<ScramMechanism> fromCode(int code) {
        for (ScramMechanism mechanism : values()) {
            if (mechanism.code == code) {
                return Optional.of(mechanism);
            }
        }
        return Optional.empty();
    }
}
