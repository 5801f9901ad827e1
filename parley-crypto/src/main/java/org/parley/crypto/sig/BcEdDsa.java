package org.parley.crypto.sig;

import java.security.SecureRandom;
import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;
import org.parley.crypto.SigningKey;
import org.parley.crypto.VerificationKey;

/**
 * Ed25519 or Ed448 (RFC 8032, pure mode; Ed448 with the empty context string) with BouncyCastle's
 * lightweight {@code rfc8032} classes, which are about 10&times; faster than the JDK's EdDSA for
 * Ed25519 here.
 *
 * <p>Encodings (RFC 8032 &sect;5.1.2 and &sect;5.2.2):
 * <pre>
 *              public key   signature (R||S)   private key (seed the secret scalar derives from)
 *   Ed25519    32 bytes     64 bytes           32 bytes
 *   Ed448      57 bytes     114 bytes          57 bytes
 * </pre>
 *
 * <p><b>Security.</b> Verification requires exactly the curve's signature length (64 or 114
 * bytes), and BouncyCastle rejects S &ge; L and a non-canonical R, so a signature cannot be
 * re-encoded into another valid one. {@link #checkPublicKey} requires a canonical encoding of a
 * point on the curve that is not of small order: a small-order key would accept one signature for
 * many messages, so such keys are never useful to an honest peer. Ed448 signs and verifies with
 * the empty context only, so a signature made with another context is rejected. Thread-safe and
 * stateless.
 */
public final class BcEdDsa implements SignatureScheme {
    private final EdwardsCurve curve;

    private BcEdDsa(EdwardsCurve curve) {
        this.curve = curve;
    }

    public static BcEdDsa ed25519() {
        return new BcEdDsa(EdwardsCurve.ED25519_CURVE);
    }

    public static BcEdDsa ed448() {
        return new BcEdDsa(EdwardsCurve.ED448_CURVE);
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return curve.algorithm();
    }

    @Override
    public SigningKey generate(SecureRandom random) {
        byte[] seed = new byte[curve.seedLength()];
        random.nextBytes(seed);
        return new Key(curve, SecretBytes.wrapOwned(seed));
    }

    @Override
    public SigningKey restore(SecretBytes encodedPrivateKey) throws InvalidKeyMaterialException {
        if (encodedPrivateKey.length() != curve.seedLength()) {
            throw new InvalidKeyMaterialException(
                    curve.displayName() + " private key must be " + curve.seedLength() + " bytes");
        }
        return new Key(curve, SecretBytes.wrapOwned(encodedPrivateKey.revealCopy()));
    }

    @Override
    public void checkPublicKey(Bytes publicKey) throws InvalidKeyMaterialException {
        decode(publicKey);
    }

    @Override
    public boolean verify(Bytes publicKey, Bytes message, Bytes signature) throws InvalidKeyMaterialException {
        EdwardsCurve.ValidPublicKey key = decode(publicKey);
        if (signature.length() != curve.signatureLength()) {
            return false;
        }
        return key.verify(signature.toByteArray(), message.toByteArray());
    }

    /** The key decoded and fully validated once (the small-order check costs about as much as a verification). */
    @Override
    public VerificationKey verificationKey(Bytes publicKey) throws InvalidKeyMaterialException {
        EdwardsCurve.ValidPublicKey key = decode(publicKey);
        SignatureAlgorithm algorithm = curve.algorithm();
        int signatureLength = curve.signatureLength();
        return new VerificationKey() {
            @Override
            public SignatureAlgorithm algorithm() {
                return algorithm;
            }

            @Override
            public Bytes publicKey() {
                return publicKey;
            }

            @Override
            public boolean verify(Bytes message, Bytes signature) {
                return signature.length() == signatureLength && key.verify(signature.toByteArray(), message.toByteArray());
            }
        };
    }

    private EdwardsCurve.ValidPublicKey decode(Bytes publicKey) throws InvalidKeyMaterialException {
        if (publicKey.length() != curve.publicKeyLength()) {
            throw new InvalidKeyMaterialException(
                    curve.displayName() + " public key must be " + curve.publicKeyLength() + " bytes");
        }
        return curve.validatePublicKey(publicKey.toByteArray()).orElseThrow(() -> new InvalidKeyMaterialException(
                curve.displayName() + " public key is not a canonical point of large order"));
    }

    /** An EdDSA key pair; the seed stays in a wiping {@link SecretBytes}. */
    private static final class Key implements SigningKey {
        private final EdwardsCurve curve;
        private final SecretBytes seed;
        private final Bytes publicKey;

        Key(EdwardsCurve curve, SecretBytes seed) {
            this.curve = curve;
            this.seed = seed;
            byte[] sk = seed.revealCopy();
            byte[] pk = new byte[curve.publicKeyLength()];
            curve.generatePublicKey(sk, pk);
            Arrays.fill(sk, (byte) 0);
            this.publicKey = Bytes.wrapOwned(pk);
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return curve.algorithm();
        }

        @Override
        public Bytes publicKey() {
            return publicKey;
        }

        /** EdDSA is deterministic: {@code random} is not used. */
        @Override
        public Bytes sign(Bytes message, SecureRandom random) {
            byte[] sk = seed.revealCopy();
            byte[] sig = new byte[curve.signatureLength()];
            try {
                curve.sign(sk, publicKey.toByteArray(), message.toByteArray(), sig);
            } finally {
                Arrays.fill(sk, (byte) 0);
            }
            return Bytes.wrapOwned(sig);
        }

        @Override
        public SecretBytes encodedPrivateKey() {
            return SecretBytes.wrapOwned(seed.revealCopy());
        }

        @Override
        public String toString() {
            return curve.displayName() + " signing key " + publicKey.toHex();
        }
    }
}
