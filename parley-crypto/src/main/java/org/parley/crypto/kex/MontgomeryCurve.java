package org.parley.crypto.kex;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;

/**
 * The two RFC 7748 Diffie-Hellman functions on BouncyCastle's lightweight {@code rfc7748} classes,
 * which are several times faster than the JDK's XDH: scalar generation, public u-coordinate, and
 * agreement that rejects an all-zero result.
 *
 * <p><b>Security.</b> Peer values must be exactly {@link #length()} bytes. Following RFC 7748, any
 * string of that length is a valid u-coordinate: non-canonical values (u &ge; p) and points on the
 * twist are accepted and computed on as the RFC specifies. A peer value that makes the shared
 * secret all zero (the low-order points, RFC 7748 section 6) is rejected with
 * {@link InvalidKeyMaterialException}, the check RFC 7748 allows and Parley requires. In Wycheproof
 * terms: "acceptable" vectors flagged ZeroSharedSecret are rejected, all other "acceptable" ones
 * (Twist, NonCanonicalPublic, ...) are accepted.
 */
enum MontgomeryCurve {
    X25519_CURVE(KeyExchangeAlgorithm.X25519, X25519.POINT_SIZE) {
        @Override
        void generatePrivateKey(SecureRandom random, byte[] privateKey) {
            X25519.generatePrivateKey(random, privateKey);
        }

        @Override
        void generatePublicKey(byte[] privateKey, byte[] publicKey) {
            X25519.generatePublicKey(privateKey, 0, publicKey, 0);
        }

        @Override
        boolean calculateAgreement(byte[] privateKey, byte[] peerPublic, byte[] shared) {
            return X25519.calculateAgreement(privateKey, 0, peerPublic, 0, shared, 0);
        }
    },
    X448_CURVE(KeyExchangeAlgorithm.X448, X448.POINT_SIZE) {
        @Override
        void generatePrivateKey(SecureRandom random, byte[] privateKey) {
            X448.generatePrivateKey(random, privateKey);
        }

        @Override
        void generatePublicKey(byte[] privateKey, byte[] publicKey) {
            X448.generatePublicKey(privateKey, 0, publicKey, 0);
        }

        @Override
        boolean calculateAgreement(byte[] privateKey, byte[] peerPublic, byte[] shared) {
            return X448.calculateAgreement(privateKey, 0, peerPublic, 0, shared, 0);
        }
    };

    private final KeyExchangeAlgorithm algorithm;
    private final int length;

    MontgomeryCurve(KeyExchangeAlgorithm algorithm, int length) {
        this.algorithm = algorithm;
        this.length = length;
    }

    abstract void generatePrivateKey(SecureRandom random, byte[] privateKey);

    abstract void generatePublicKey(byte[] privateKey, byte[] publicKey);

    /** BouncyCastle's agreement; false when the output is all zero (a low-order peer point). */
    abstract boolean calculateAgreement(byte[] privateKey, byte[] peerPublic, byte[] shared);

    KeyExchangeAlgorithm algorithm() {
        return algorithm;
    }

    /** Length of scalars, u-coordinates and the shared secret (32 or 56). */
    int length() {
        return length;
    }

    /** Draws a fresh scalar from {@code random}, clamped as RFC 7748 prescribes. */
    byte[] newPrivateKey(SecureRandom random) {
        byte[] privateKey = new byte[length];
        generatePrivateKey(random, privateKey);
        return privateKey;
    }

    /** The public u-coordinate of {@code privateKey}. */
    Bytes publicKeyOf(byte[] privateKey) {
        byte[] publicKey = new byte[length];
        generatePublicKey(privateKey, publicKey);
        return Bytes.wrapOwned(publicKey);
    }

    /**
     * DH(privateKey, peerPublic), rejecting an all-zero result. The Wycheproof and RFC 7748 tests
     * drive exactly this path with the vectors' own scalars.
     */
    SecretBytes agree(byte[] privateKey, Bytes peerPublic) throws InvalidKeyMaterialException {
        requireLength(peerPublic, algorithm + " public key");
        byte[] shared = new byte[length];
        if (!calculateAgreement(privateKey, peerPublic.toByteArray(), shared)) {
            Arrays.fill(shared, (byte) 0);
            throw new InvalidKeyMaterialException(algorithm + " shared secret is all zero (low-order public key)");
        }
        return SecretBytes.wrapOwned(shared);
    }

    void requireLength(Bytes value, String what) throws InvalidKeyMaterialException {
        if (value.length() != length) {
            throw new InvalidKeyMaterialException(what + " must be " + length + " bytes, got " + value.length());
        }
    }
}
