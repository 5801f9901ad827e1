package org.parley.crypto;

/**
 * A public key that its {@link SignatureScheme} has already decoded and validated, ready to verify
 * signatures without doing that work again: what a verifier keeps when it checks many signatures
 * by the same key (a server's login keys).
 *
 * <p><b>Security.</b> Made only by {@link SignatureScheme#verificationKey}, which performs the same
 * checks as {@link SignatureScheme#checkPublicKey}; {@link #verify} is as strict as
 * {@link SignatureScheme#verify} (canonical signatures only). Holds public material only.
 */
public interface VerificationKey {

    SignatureAlgorithm algorithm();

    /** The encoded public key, exactly as it was validated. */
    Bytes publicKey();

    /** Verifies {@code signature} over {@code message}; false for any wrong, malformed or non-canonical signature. */
    boolean verify(Bytes message, Bytes signature);
}
