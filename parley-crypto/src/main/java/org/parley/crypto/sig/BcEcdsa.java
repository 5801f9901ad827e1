package org.parley.crypto.sig;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;
import org.parley.crypto.SigningKey;

/**
 * ECDSA over NIST P-256 with SHA-256 or P-384 with SHA-384, with BouncyCastle's lightweight API
 * (faster than the JDK here, and strict where the JDK is not).
 *
 * <p>Encodings, with {@code L} = 32 (P-256) or 48 (P-384) bytes:
 * <pre>
 *   public key  = 0x04 || X (L) || Y (L)      uncompressed SEC1 point, 2L+1 bytes
 *   signature   = r (L) || s (L)              IEEE P1363, big-endian, exactly 2L bytes
 *   private key = d (L)                       big-endian scalar in [1, n-1]
 * </pre>
 *
 * <p><b>Security.</b> Signing is deterministic (RFC 6979 nonces from {@link HMacDSAKCalculator}),
 * so no weak random source can leak the key, and always produces the low-s form. Verification
 * runs in BouncyCastle, which rejected every malformed Wycheproof signature where the JDK accepted
 * 13; it requires exactly 2L bytes and r, s in [1, n-1], and accepts high-s signatures as standard
 * ECDSA does. That malleability (s and n-s both verify) is harmless in Parley: the handshake's
 * Finished MAC covers the exact signature bytes, so a re-encoded signature breaks the handshake.
 * Public keys must be uncompressed points on the curve (not infinity; cofactor 1, so every such
 * point is in the prime-order group). Thread-safe and stateless.
 */
public final class BcEcdsa implements SignatureScheme {
    private final SignatureAlgorithm algorithm;
    private final ECDomainParameters domain;
    private final Supplier<Digest> digest;
    private final int scalarLength;

    private BcEcdsa(SignatureAlgorithm algorithm, String curveName, Supplier<Digest> digest, int scalarLength) {
        X9ECParameters curve = CustomNamedCurves.getByName(curveName);
        this.algorithm = algorithm;
        this.domain = new ECDomainParameters(curve);
        this.digest = digest;
        this.scalarLength = scalarLength;
    }

    /** ECDSA over P-256 with SHA-256. */
    public static BcEcdsa p256Sha256() {
        return new BcEcdsa(SignatureAlgorithm.ECDSA_P256_SHA256, "P-256", SHA256Digest::new, 32);
    }

    /** ECDSA over P-384 with SHA-384. */
    public static BcEcdsa p384Sha384() {
        return new BcEcdsa(SignatureAlgorithm.ECDSA_P384_SHA384, "P-384", SHA384Digest::new, 48);
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The byte length L of a scalar or coordinate; signatures are 2L bytes. */
    public int scalarLength() {
        return scalarLength;
    }

    @Override
    public SigningKey generate(SecureRandom random) {
        BigInteger d = BigIntegers.createRandomInRange(BigInteger.ONE, domain.getN().subtract(BigInteger.ONE), random);
        return new Key(new ECPrivateKeyParameters(d, domain));
    }

    @Override
    public SigningKey restore(SecretBytes encodedPrivateKey) throws InvalidKeyMaterialException {
        if (encodedPrivateKey.length() != scalarLength) {
            throw new InvalidKeyMaterialException(algorithm + " private key must be " + scalarLength + " bytes");
        }
        byte[] encoded = encodedPrivateKey.revealCopy();
        BigInteger d = new BigInteger(1, encoded);
        Arrays.fill(encoded, (byte) 0);
        if (d.signum() == 0 || d.compareTo(domain.getN()) >= 0) {
            throw new InvalidKeyMaterialException(algorithm + " private scalar is out of range");
        }
        return new Key(new ECPrivateKeyParameters(d, domain));
    }

    @Override
    public void checkPublicKey(Bytes publicKey) throws InvalidKeyMaterialException {
        decode(publicKey);
    }

    @Override
    public boolean verify(Bytes publicKey, Bytes message, Bytes signature) throws InvalidKeyMaterialException {
        ECPublicKeyParameters key = decode(publicKey);
        if (signature.length() != 2 * scalarLength) {
            return false;
        }
        byte[] sig = signature.toByteArray();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, scalarLength));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, scalarLength, sig.length));
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        // ECDSASigner itself returns false unless r and s are in [1, n-1].
        return verifier.verifySignature(hash(message), r, s);
    }

    private ECPublicKeyParameters decode(Bytes publicKey) throws InvalidKeyMaterialException {
        if (publicKey.length() != 2 * scalarLength + 1 || publicKey.get(0) != 0x04) {
            throw new InvalidKeyMaterialException(algorithm + " public key must be an uncompressed point of "
                    + (2 * scalarLength + 1) + " bytes");
        }
        try {
            // decodePoint rejects coordinates >= p and points off the curve; the parameters
            // constructor rejects infinity and points outside the prime-order subgroup.
            ECPoint point = domain.getCurve().decodePoint(publicKey.toByteArray());
            return new ECPublicKeyParameters(point, domain);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyMaterialException(algorithm + " public key is not a valid curve point", e);
        }
    }

    private byte[] hash(Bytes message) {
        Digest d = digest.get();
        byte[] m = message.toByteArray();
        d.update(m, 0, m.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /** A key pair; the scalar is kept as BouncyCastle key parameters (a BigInteger cannot be wiped). */
    private final class Key implements SigningKey {
        private final ECPrivateKeyParameters privateKey;
        private final Bytes publicKey;

        Key(ECPrivateKeyParameters privateKey) {
            this.privateKey = privateKey;
            ECPoint q = domain.getG().multiply(privateKey.getD()).normalize();
            this.publicKey = Bytes.wrapOwned(q.getEncoded(false));
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public Bytes publicKey() {
            return publicKey;
        }

        /** Deterministic (RFC 6979): {@code random} is not used. Always returns the low-s form. */
        @Override
        public Bytes sign(Bytes message, SecureRandom random) {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(digest.get()));
            signer.init(true, privateKey);
            BigInteger[] rs = signer.generateSignature(hash(message));
            BigInteger n = domain.getN();
            BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
            byte[] out = new byte[2 * scalarLength];
            BigIntegers.asUnsignedByteArray(rs[0], out, 0, scalarLength);
            BigIntegers.asUnsignedByteArray(s, out, scalarLength, scalarLength);
            return Bytes.wrapOwned(out);
        }

        @Override
        public SecretBytes encodedPrivateKey() {
            return SecretBytes.wrapOwned(BigIntegers.asUnsignedByteArray(scalarLength, privateKey.getD()));
        }

        @Override
        public String toString() {
            return algorithm + " signing key " + publicKey.toHex();
        }
    }
}
