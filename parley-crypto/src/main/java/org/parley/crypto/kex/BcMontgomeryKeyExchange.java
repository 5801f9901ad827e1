package org.parley.crypto.kex;

import java.security.SecureRandom;
import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;

/**
 * X25519 or X448 Diffie-Hellman (RFC 7748 section 5) as a {@link KeyExchange}.
 *
 * <pre>
 *   client share : the client's ephemeral u-coordinate (little-endian; 32 or 56 bytes)
 *   response     : the server's ephemeral u-coordinate (same length)
 *   secret       : DH(own scalar, peer u) (same length)
 * </pre>
 *
 * <p><b>Security.</b> See {@link MontgomeryCurve}: exact lengths, all-zero secrets rejected.
 * Randomness comes only from the caller's {@link SecureRandom}.
 */
public final class BcMontgomeryKeyExchange implements KeyExchange {
    private final MontgomeryCurve curve;

    private BcMontgomeryKeyExchange(MontgomeryCurve curve) {
        this.curve = curve;
    }

    public static BcMontgomeryKeyExchange x25519() {
        return new BcMontgomeryKeyExchange(MontgomeryCurve.X25519_CURVE);
    }

    public static BcMontgomeryKeyExchange x448() {
        return new BcMontgomeryKeyExchange(MontgomeryCurve.X448_CURVE);
    }

    @Override
    public KeyExchangeAlgorithm algorithm() {
        return curve.algorithm();
    }

    @Override
    public int publicShareLength() {
        return curve.length();
    }

    @Override
    public int responseLength() {
        return curve.length();
    }

    @Override
    public EphemeralKeyShare generate(SecureRandom random) {
        byte[] privateKey = curve.newPrivateKey(random);
        return new ScalarKeyShare(curve.algorithm(), curve.publicKeyOf(privateKey), privateKey);
    }

    @Override
    public Encapsulation respond(Bytes peerPublicShare, SecureRandom random) throws InvalidKeyMaterialException {
        curve.requireLength(peerPublicShare, curve.algorithm() + " public share");
        byte[] ephemeral = curve.newPrivateKey(random);
        try {
            SecretBytes secret = curve.agree(ephemeral, peerPublicShare);
            return new Encapsulation(curve.publicKeyOf(ephemeral), secret);
        } finally {
            Arrays.fill(ephemeral, (byte) 0);
        }
    }

    @Override
    public SecretBytes complete(EphemeralKeyShare own, Bytes response) throws InvalidKeyMaterialException {
        ScalarKeyShare share = ScalarKeyShare.requireOwn(own, curve.algorithm());
        curve.requireLength(response, curve.algorithm() + " response");
        return curve.agree(share.privateKey(), response);
    }
}
