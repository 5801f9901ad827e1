package org.parley.crypto.sig;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;
import org.parley.crypto.SigningKey;

/**
 * RSASSA-PSS (RFC 8017) with SHA-256, MGF1-SHA-256, a 32-byte salt and trailer field 1, over
 * 3072-bit keys, from the JDK's SunRsaSign provider.
 *
 * <p>Encodings: public key = X.509 SubjectPublicKeyInfo DER with the rsaEncryption algorithm;
 * signature = exactly 384 bytes; private key = PKCS#8 DER of the CRT private key.
 *
 * <p><b>Security.</b> {@link #checkPublicKey} requires a 3072-bit modulus and an odd public
 * exponent with 65537 &le; e &lt; 2<sup>256</sup> (the FIPS 186-5 range; 65537 is what every
 * generator uses, larger odd values are legal RSA and cost nothing to allow), and the DER must be
 * exactly the canonical encoding rebuilt from (n, e), so one key has one encoding. Signing draws
 * the salt only from the caller's {@link SecureRandom}. Against fault attacks on RSA-CRT,
 * {@link #restore} checks the CRT values against n and e, and every signature is verified before
 * it is returned. Thread-safe: every call creates its own JCA objects.
 */
public final class JcaRsaPss implements SignatureScheme {
    private static final int PRODUCTION_MODULUS_BITS = 3072;
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65537);
    private static final PSSParameterSpec PSS_SHA256 =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC);
    /** Stateless and immutable, so one shared instance is safe. */
    private static final JcaSignatureEngine ENGINE = JcaSignatureEngine.withParameters("RSA", "RSASSA-PSS", PSS_SHA256);

    private final int modulusBits;

    private JcaRsaPss(int modulusBits) {
        this.modulusBits = modulusBits;
    }

    /** RSA-PSS with SHA-256 over 3072-bit keys: the only size Parley accepts. */
    public static JcaRsaPss rsa3072Sha256() {
        return new JcaRsaPss(PRODUCTION_MODULUS_BITS);
    }

    /**
     * The same verification path for another modulus size, so tests can run the Wycheproof
     * 2048-bit vectors through it. Never reachable from {@link SignatureAlgorithm#create()}.
     */
    static JcaRsaPss withModulusBitsForTestsOnly(int modulusBits) {
        return new JcaRsaPss(modulusBits);
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.RSA_PSS_3072_SHA256;
    }

    @Override
    public SigningKey generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(modulusBits, RSAKeyGenParameterSpec.F4), random);
            KeyPair pair = generator.generateKeyPair();
            return new Key(pair.getPrivate(), pair.getPublic(), Bytes.wrapOwned(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
    }

    @Override
    public SigningKey restore(SecretBytes encodedPrivateKey) throws InvalidKeyMaterialException {
        byte[] encoded = encodedPrivateKey.revealCopy();
        try {
            KeyFactory factory = ENGINE.keyFactory();
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(encoded));
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new InvalidKeyMaterialException("RSA private key lacks its CRT parameters");
            }
            checkCrtConsistency(crt);
            PublicKey publicKey = factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            Bytes encodedPublic = Bytes.wrapOwned(publicKey.getEncoded());
            checkPublicKey(encodedPublic);
            return new Key(privateKey, publicKey, encodedPublic);
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyMaterialException("malformed RSA private key", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /**
     * Checks the CRT values the provider signs with against n and e, so a corrupted key file is
     * refused here: a CRT signature made with a wrong value reveals a factor of n (Bellcore).
     */
    private static void checkCrtConsistency(RSAPrivateCrtKey key) throws InvalidKeyMaterialException {
        BigInteger p = key.getPrimeP();
        BigInteger q = key.getPrimeQ();
        BigInteger e = key.getPublicExponent();
        boolean consistent = p.signum() > 0 && q.signum() > 0
                && p.multiply(q).equals(key.getModulus())
                && e.multiply(key.getPrimeExponentP()).mod(p.subtract(BigInteger.ONE)).equals(BigInteger.ONE)
                && e.multiply(key.getPrimeExponentQ()).mod(q.subtract(BigInteger.ONE)).equals(BigInteger.ONE)
                && key.getCrtCoefficient().multiply(q).mod(p).equals(BigInteger.ONE);
        if (!consistent) {
            throw new InvalidKeyMaterialException("RSA private key parameters are inconsistent");
        }
    }

    @Override
    public void checkPublicKey(Bytes publicKey) throws InvalidKeyMaterialException {
        decode(publicKey);
    }

    @Override
    public boolean verify(Bytes publicKey, Bytes message, Bytes signature) throws InvalidKeyMaterialException {
        RSAPublicKey key = decode(publicKey);
        if (signature.length() != modulusBits / 8) {
            return false;
        }
        return ENGINE.verify(key, message, signature);
    }

    private RSAPublicKey decode(Bytes publicKey) throws InvalidKeyMaterialException {
        byte[] der = publicKey.toByteArray();
        KeyFactory factory = ENGINE.keyFactory();
        RSAPublicKey rsa;
        try {
            if (!(factory.generatePublic(new X509EncodedKeySpec(der)) instanceof RSAPublicKey parsed)) {
                throw new InvalidKeyMaterialException("not an RSA public key");
            }
            // Rebuild the key from (n, e) alone: the JDK keeps unusual algorithm parameters
            // (e.g. an OCTET STRING instead of NULL) in its encoding, so comparing with the
            // parsed key's own encoding would let one key have several accepted encodings.
            rsa = parsed;
            byte[] canonical = factory.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()))
                    .getEncoded();
            if (!Arrays.equals(canonical, der)) {
                throw new InvalidKeyMaterialException("RSA public key is not canonical rsaEncryption DER");
            }
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyMaterialException("malformed RSA public key", e);
        }
        if (rsa.getModulus().bitLength() != modulusBits) {
            throw new InvalidKeyMaterialException("RSA modulus must be " + modulusBits + " bits");
        }
        BigInteger e = rsa.getPublicExponent();
        if (!e.testBit(0) || e.compareTo(MIN_EXPONENT) < 0 || e.bitLength() > 256) {
            throw new InvalidKeyMaterialException("RSA public exponent must be odd, at least 65537 and below 2^256");
        }
        return rsa;
    }

    /** An RSA key pair held as JDK key objects. */
    private static final class Key implements SigningKey {
        private final PrivateKey privateKey;
        private final PublicKey jcaPublicKey;
        private final Bytes publicKey;

        Key(PrivateKey privateKey, PublicKey jcaPublicKey, Bytes publicKey) {
            this.privateKey = privateKey;
            this.jcaPublicKey = jcaPublicKey;
            this.publicKey = publicKey;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.RSA_PSS_3072_SHA256;
        }

        @Override
        public Bytes publicKey() {
            return publicKey;
        }

        /**
         * The 32-byte salt comes from {@code random} (passed to {@code Signature.initSign}). Each
         * signature is verified before it is released (about 2 % of the signing cost), as Tink
         * does: a faulty CRT signature would reveal a factor of the modulus.
         */
        @Override
        public Bytes sign(Bytes message, SecureRandom random) {
            Bytes signature = ENGINE.sign(privateKey, random, message);
            boolean verified;
            try {
                verified = ENGINE.verify(jcaPublicKey, message, signature);
            } catch (InvalidKeyMaterialException e) {
                throw new IllegalStateException("RSA-PSS signing failed with a validated key", e);
            }
            if (!verified) {
                throw new IllegalStateException("RSA-PSS signature failed its own verification; not released");
            }
            return signature;
        }

        @Override
        public SecretBytes encodedPrivateKey() {
            return SecretBytes.wrapOwned(privateKey.getEncoded());
        }

        @Override
        public String toString() {
            return "RSA-PSS signing key (" + publicKey.length() + "-byte public key)";
        }
    }
}
