package org.parley.crypto;

import java.security.SecureRandom;

/**
 * A digital signature algorithm: key generation, restoring a stored private key, and strict
 * verification.
 *
 * <p>Each implementation documents its public-key and signature encodings (for example raw
 * 32-byte keys for Ed25519, fixed-length r||s for ECDSA); {@code docs/PROTOCOL.md} lists them.
 *
 * <p><b>Security.</b> {@link #verify} rejects any signature that is not in its one canonical
 * encoding (wrong length, non-minimal DER, s out of range, Ed25519 with S &ge; L), so no valid
 * signature can be re-encoded into another valid one. The one exception is ECDSA, where (r, n-s)
 * verifies as well as (r, s), as standard ECDSA requires; see {@code BcEcdsa} for why that is
 * harmless in Parley.
 */
public interface SignatureScheme {

    SignatureAlgorithm algorithm();

    /** Makes a new long-term key pair. */
    SigningKey generate(SecureRandom random);

    /**
     * Restores a key pair from the bytes {@link SigningKey#encodedPrivateKey()} produced.
     *
     * @throws InvalidKeyMaterialException if the encoding is malformed
     */
    SigningKey restore(SecretBytes encodedPrivateKey) throws InvalidKeyMaterialException;

    /**
     * Checks that {@code publicKey} is a well-formed key of this algorithm.
     *
     * @throws InvalidKeyMaterialException if it is not
     */
    void checkPublicKey(Bytes publicKey) throws InvalidKeyMaterialException;

    /**
     * Verifies {@code signature} over {@code message}. Returns false for any signature that is
     * wrong, malformed or non-canonical.
     *
     * @throws InvalidKeyMaterialException if {@code publicKey} itself is malformed
     */
    boolean verify(Bytes publicKey, Bytes message, Bytes signature) throws InvalidKeyMaterialException;

    /**
     * {@code publicKey} checked as by {@link #checkPublicKey} and kept in the form verification
     * needs, so that verifying many signatures by one key decodes and validates it once. This
     * default checks the key now and verifies through {@link #verify}, which may decode it again;
     * a scheme whose key validation is costly overrides it.
     *
     * @throws InvalidKeyMaterialException if {@code publicKey} is malformed
     */
    default VerificationKey verificationKey(Bytes publicKey) throws InvalidKeyMaterialException {
        checkPublicKey(publicKey);
        SignatureScheme scheme = this;
        return new VerificationKey() {
            @Override
            public SignatureAlgorithm algorithm() {
                return scheme.algorithm();
            }

            @Override
            public Bytes publicKey() {
                return publicKey;
            }

            @Override
            public boolean verify(Bytes message, Bytes signature) {
                try {
                    return scheme.verify(publicKey, message, signature);
                } catch (InvalidKeyMaterialException e) {
                    return false; // cannot happen: the key passed checkPublicKey above
                }
            }
        };
    }
}
