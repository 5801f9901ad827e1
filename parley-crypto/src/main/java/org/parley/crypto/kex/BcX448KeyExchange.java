package org.parley.crypto.kex;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X448;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;

/**
 * X448 Diffie-Hellman (RFC 7748 section 5) on BouncyCastle's lightweight {@code rfc7748.X448},
 * which is much faster than the JDK's XDH.
 *
 * <pre>
 *   client share : 56 bytes, the client's ephemeral u-coordinate (little-endian, RFC 7748)
 *   response     : 56 bytes, the server's ephemeral u-coordinate
 *   secret       : 56 bytes, X448(own scalar, peer u)
 * </pre>
 *
 * <p><b>Security.</b> Peer values must be exactly 56 bytes. Following RFC 7748, any 56-byte
 * string is a valid u-coordinate: non-canonical values (u &ge; p) and points on the twist are
 * accepted and computed on as the RFC specifies. A peer value that makes the shared secret all
 * zero (the low-order points, RFC 7748 section 6.2) is rejected with
 * {@link InvalidKeyMaterialException}, which is the check RFC 7748 allows and Parley requires.
 * In Wycheproof terms ({@code x448_test.json}): "acceptable" vectors flagged ZeroSharedSecret
 * are rejected, all other "acceptable" ones (Twist, NonCanonicalPublic, ...) are accepted.
 * Randomness comes only from the caller's {@link SecureRandom}.
 */
public final class BcX448KeyExchange implements KeyExchange {
    /** Length of scalars, u-coordinates and the shared secret. */
    static final int LENGTH = X448.POINT_SIZE;

    @Override
    public KeyExchangeAlgorithm algorithm() {
        return KeyExchangeAlgorithm.X448;
    }

    @Override
    public int publicShareLength() {
        return LENGTH;
    }

    @Override
    public int responseLength() {
        return LENGTH;
    }

    @Override
    public EphemeralKeyShare generate(SecureRandom random) {
        byte[] privateKey = newPrivateKey(random);
        return new ScalarKeyShare(KeyExchangeAlgorithm.X448, publicKeyOf(privateKey), privateKey);
    }

    @Override
    public Encapsulation respond(Bytes peerPublicShare, SecureRandom random) throws InvalidKeyMaterialException {
        requireLength(peerPublicShare, "X448 public share");
        byte[] ephemeral = newPrivateKey(random);
        try {
            SecretBytes secret = agree(ephemeral, peerPublicShare);
            return new Encapsulation(publicKeyOf(ephemeral), secret);
        } finally {
            Arrays.fill(ephemeral, (byte) 0);
        }
    }

    @Override
    public SecretBytes complete(EphemeralKeyShare own, Bytes response) throws InvalidKeyMaterialException {
        ScalarKeyShare share = ScalarKeyShare.requireOwn(own, KeyExchangeAlgorithm.X448);
        requireLength(response, "X448 response");
        return agree(share.privateKey(), response);
    }

    /** Draws a fresh scalar from {@code random} (56 bytes, clamped as RFC 7748 prescribes). */
    static byte[] newPrivateKey(SecureRandom random) {
        byte[] privateKey = new byte[LENGTH];
        X448.generatePrivateKey(random, privateKey);
        return privateKey;
    }

    /** The public u-coordinate of {@code privateKey}. */
    static Bytes publicKeyOf(byte[] privateKey) {
        byte[] publicKey = new byte[LENGTH];
        X448.generatePublicKey(privateKey, 0, publicKey, 0);
        return Bytes.wrapOwned(publicKey);
    }

    /**
     * X448(privateKey, peerPublic), rejecting an all-zero result. Package-private so the
     * Wycheproof and RFC 7748 tests drive exactly the path that {@link #complete} and
     * {@link #respond} use, with the vectors' own scalars.
     */
    static SecretBytes agree(byte[] privateKey, Bytes peerPublic) throws InvalidKeyMaterialException {
        requireLength(peerPublic, "X448 public key");
        byte[] shared = new byte[LENGTH];
        if (!X448.calculateAgreement(privateKey, 0, peerPublic.toByteArray(), 0, shared, 0)) {
            // BouncyCastle reports an all-zero output (low-order peer point) as false.
            Arrays.fill(shared, (byte) 0);
            throw new InvalidKeyMaterialException("X448 shared secret is all zero (low-order public key)");
        }
        return SecretBytes.wrapOwned(shared);
    }

    private static void requireLength(Bytes value, String what) throws InvalidKeyMaterialException {
        if (value.length() != LENGTH) {
            throw new InvalidKeyMaterialException(what + " must be " + LENGTH + " bytes, got " + value.length());
        }
    }
}
