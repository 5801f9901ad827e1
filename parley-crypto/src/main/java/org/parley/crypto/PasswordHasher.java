package org.parley.crypto;

/**
 * A deliberately slow password-based key derivation function with fixed cost parameters.
 *
 * <p><b>Security.</b> The cost parameters are part of the instance and are at least the OWASP
 * minimums (Argon2id m=19 MiB t=2 p=1; PBKDF2-HMAC-SHA256 600,000 iterations, -SHA512 210,000)
 * unless the instance was built through a method named {@code insecure...} for known-answer tests.
 */
public interface PasswordHasher {

    PasswordHashAlgorithm algorithm();

    /** A human-readable description of the cost parameters, e.g. {@code m=19456KiB,t=2,p=1}. */
    String parameters();

    /** Derives {@code outputLength} bytes from {@code password} (UTF-8, NFC) and {@code salt}. */
    SecretBytes derive(SecretBytes password, Bytes salt, int outputLength);
}
