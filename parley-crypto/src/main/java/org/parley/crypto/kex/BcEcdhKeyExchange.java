package org.parley.crypto.kex;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;

/**
 * Ephemeral ECDH on NIST P-256 or P-384 with BouncyCastle's lightweight EC API (its custom curve
 * arithmetic is far faster than the JDK's ECDH).
 *
 * <pre>
 *   client share : 0x04 || X || Y   uncompressed SEC1 point, 65 (P-256) or 97 (P-384) bytes
 *   response     : 0x04 || X || Y   the server's ephemeral public point, same size
 *   secret       : X of (own scalar * peer point), 32 or 48 bytes, big-endian, fixed length
 * </pre>
 *
 * <p><b>Security.</b> A peer point is checked strictly before use: exact length, the 0x04 prefix
 * (compressed and infinity encodings are refused, so there is one encoding per point), each
 * coordinate below the field prime, the point on the curve and not the point at infinity
 * (SEC 1 section 3.2.2.1 public key validation; both curves have cofactor 1, so no small
 * subgroup remains). Any failure is an {@link InvalidKeyMaterialException}. The private scalar
 * is stored as bytes and wiped on destroy; BouncyCastle's arithmetic works on immutable
 * {@link BigInteger} copies that cannot be wiped, a limit of the library. In Wycheproof terms
 * ({@code ecdh_secp*_ecpoint_test.json}), the "acceptable" compressed points are rejected.
 * Randomness comes only from the caller's {@link SecureRandom}.
 */
public final class BcEcdhKeyExchange implements KeyExchange {
    private final KeyExchangeAlgorithm algorithm;
    private final ECDomainParameters domain;
    private final int fieldLength;

    private BcEcdhKeyExchange(KeyExchangeAlgorithm algorithm, String curveName) {
        this.algorithm = algorithm;
        this.domain = new ECDomainParameters(CustomNamedCurves.getByName(curveName));
        this.fieldLength = domain.getCurve().getFieldElementEncodingLength();
    }

    /** ECDH on NIST P-256 (secp256r1). */
    public static BcEcdhKeyExchange p256() {
        return new BcEcdhKeyExchange(KeyExchangeAlgorithm.ECDH_P256, "secp256r1");
    }

    /** ECDH on NIST P-384 (secp384r1). */
    public static BcEcdhKeyExchange p384() {
        return new BcEcdhKeyExchange(KeyExchangeAlgorithm.ECDH_P384, "secp384r1");
    }

    @Override
    public KeyExchangeAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int publicShareLength() {
        return 1 + 2 * fieldLength;
    }

    @Override
    public int responseLength() {
        return publicShareLength();
    }

    @Override
    public EphemeralKeyShare generate(SecureRandom random) {
        AsymmetricCipherKeyPair pair = newKeyPair(random);
        return new ScalarKeyShare(algorithm, encode(pair), scalarBytes(pair));
    }

    @Override
    public Encapsulation respond(Bytes peerPublicShare, SecureRandom random) throws InvalidKeyMaterialException {
        ECPoint peer = parsePoint(peerPublicShare);
        AsymmetricCipherKeyPair ephemeral = newKeyPair(random);
        return new Encapsulation(encode(ephemeral), agree((ECPrivateKeyParameters) ephemeral.getPrivate(), peer));
    }

    @Override
    public SecretBytes complete(EphemeralKeyShare own, Bytes response) throws InvalidKeyMaterialException {
        ScalarKeyShare share = ScalarKeyShare.requireOwn(own, algorithm);
        return agreeWithScalar(share.privateKey(), response);
    }

    /**
     * ECDH of a private scalar (big-endian bytes) with an encoded peer point, through the same
     * validation as {@link #complete}. Package-private so the Wycheproof tests can use the
     * vectors' private keys.
     */
    SecretBytes agreeWithScalar(byte[] privateScalar, Bytes peerPoint) throws InvalidKeyMaterialException {
        ECPoint peer = parsePoint(peerPoint);
        return agree(new ECPrivateKeyParameters(new BigInteger(1, privateScalar), domain), peer);
    }

    /** Decodes and validates an uncompressed SEC1 point; see the class comment for the checks. */
    private ECPoint parsePoint(Bytes encoded) throws InvalidKeyMaterialException {
        if (encoded.length() != publicShareLength()) {
            throw new InvalidKeyMaterialException(algorithm + " point must be " + publicShareLength()
                    + " bytes, got " + encoded.length());
        }
        if (encoded.get(0) != 0x04) {
            throw new InvalidKeyMaterialException(algorithm + " point must be uncompressed (0x04 prefix)");
        }
        try {
            // decodePoint rejects coordinates >= p and points off the curve; validatePublicPoint
            // rejects infinity and repeats the curve check on the normalised point.
            ECPoint point = domain.getCurve().decodePoint(encoded.toByteArray());
            return domain.validatePublicPoint(point);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyMaterialException(algorithm + " point is not a valid curve point", e);
        }
    }

    private SecretBytes agree(ECPrivateKeyParameters privateKey, ECPoint peer) throws InvalidKeyMaterialException {
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(privateKey);
        BigInteger x;
        try {
            x = agreement.calculateAgreement(new ECPublicKeyParameters(peer, domain));
        } catch (IllegalStateException e) {
            // Only reachable if the product is infinity, which a validated point cannot give
            // on a prime-order curve; kept typed rather than letting a RuntimeException escape.
            throw new InvalidKeyMaterialException(algorithm + " agreement produced the point at infinity", e);
        }
        return SecretBytes.wrapOwned(BigIntegers.asUnsignedByteArray(fieldLength, x));
    }

    private AsymmetricCipherKeyPair newKeyPair(SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        return generator.generateKeyPair();
    }

    private static Bytes encode(AsymmetricCipherKeyPair pair) {
        return Bytes.wrapOwned(((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(false));
    }

    private byte[] scalarBytes(AsymmetricCipherKeyPair pair) {
        BigInteger d = ((ECPrivateKeyParameters) pair.getPrivate()).getD();
        return BigIntegers.asUnsignedByteArray(BigIntegers.getUnsignedByteLength(domain.getN()), d);
    }

    @Override
    public String toString() {
        return "BcEcdhKeyExchange[" + algorithm + "]";
    }
}
