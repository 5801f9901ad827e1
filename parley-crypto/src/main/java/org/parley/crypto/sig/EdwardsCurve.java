package org.parley.crypto.sig;

import java.util.Optional;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.math.ec.rfc8032.Ed448;
import org.parley.crypto.SignatureAlgorithm;

/**
 * The two RFC 8032 EdDSA curves on BouncyCastle's lightweight {@code rfc8032} classes, adapting
 * their different static APIs (Ed448 takes a context string, the sizes differ) to one shape:
 * public key from seed, signing, and full public-key validation.
 *
 * <p><b>Security.</b> {@link #validatePublicKey} is BouncyCastle's full validation: a canonical
 * encoding of a point on the curve that is not of small order. Verification is BouncyCastle's,
 * which rejects S &ge; L and a non-canonical R. Ed448 always uses the empty context string;
 * see {@link BcEdDsa} for the checks around these calls.
 */
enum EdwardsCurve {
    /** Ed25519 (RFC 8032 section 5.1): 32-byte seed and public key, 64-byte signature. */
    ED25519_CURVE(SignatureAlgorithm.ED25519, "Ed25519",
            Ed25519.SECRET_KEY_SIZE, Ed25519.PUBLIC_KEY_SIZE, Ed25519.SIGNATURE_SIZE) {
        @Override
        void generatePublicKey(byte[] seed, byte[] publicKey) {
            Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        }

        @Override
        void sign(byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {
            Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        }

        @Override
        Optional<ValidPublicKey> validatePublicKey(byte[] publicKey) {
            // BouncyCastle returns null for a key that fails full validation.
            Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(publicKey, 0);
            if (point == null) {
                return Optional.empty();
            }
            return Optional.of((signature, message) ->
                    Ed25519.verify(signature, 0, point, message, 0, message.length));
        }
    },
    /** Ed448 (RFC 8032 section 5.2), empty context: 57-byte seed and public key, 114-byte signature. */
    ED448_CURVE(SignatureAlgorithm.ED448, "Ed448",
            Ed448.SECRET_KEY_SIZE, Ed448.PUBLIC_KEY_SIZE, Ed448.SIGNATURE_SIZE) {
        @Override
        void generatePublicKey(byte[] seed, byte[] publicKey) {
            Ed448.generatePublicKey(seed, 0, publicKey, 0);
        }

        @Override
        void sign(byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {
            Ed448.sign(seed, 0, publicKey, 0, EMPTY_CONTEXT, message, 0, message.length, signature, 0);
        }

        @Override
        Optional<ValidPublicKey> validatePublicKey(byte[] publicKey) {
            // BouncyCastle returns null for a key that fails full validation.
            Ed448.PublicPoint point = Ed448.validatePublicKeyFullExport(publicKey, 0);
            if (point == null) {
                return Optional.empty();
            }
            return Optional.of((signature, message) ->
                    Ed448.verify(signature, 0, point, EMPTY_CONTEXT, message, 0, message.length));
        }
    };

    /** A public key that passed full validation, decoded once so verification does not decode again. */
    @FunctionalInterface
    interface ValidPublicKey {
        /** BouncyCastle's verification; {@code signature} must already have the curve's length. */
        boolean verify(byte[] signature, byte[] message);
    }

    /** Parley signs with the empty context; domain separation lives in the signed transcript. */
    private static final byte[] EMPTY_CONTEXT = new byte[0];

    private final SignatureAlgorithm algorithm;
    private final String displayName;
    private final int seedLength;
    private final int publicKeyLength;
    private final int signatureLength;

    EdwardsCurve(SignatureAlgorithm algorithm, String displayName, int seedLength, int publicKeyLength,
            int signatureLength) {
        this.algorithm = algorithm;
        this.displayName = displayName;
        this.seedLength = seedLength;
        this.publicKeyLength = publicKeyLength;
        this.signatureLength = signatureLength;
    }

    /** Writes the public key derived from {@code seed} into {@code publicKey}. */
    abstract void generatePublicKey(byte[] seed, byte[] publicKey);

    /** Signs {@code message} (pure EdDSA, deterministic) into {@code signature}. */
    abstract void sign(byte[] seed, byte[] publicKey, byte[] message, byte[] signature);

    /**
     * The decoded key, or empty when {@code publicKey} (already of the right length) is not a
     * canonical point of large order.
     */
    abstract Optional<ValidPublicKey> validatePublicKey(byte[] publicKey);

    SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The name used in messages: "Ed25519" or "Ed448". */
    String displayName() {
        return displayName;
    }

    /** Length of the private seed (32 or 57). */
    int seedLength() {
        return seedLength;
    }

    /** Length of the encoded public key (32 or 57). */
    int publicKeyLength() {
        return publicKeyLength;
    }

    /** Length of the R||S signature (64 or 114). */
    int signatureLength() {
        return signatureLength;
    }
}
