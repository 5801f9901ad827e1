package org.parley.crypto.sig;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;
import org.parley.crypto.SigningKey;

/**
 * ML-DSA-65 (FIPS 204, pure mode, empty context) from the JDK 25 provider.
 *
 * <p>Encodings: public key = the raw 1952-byte FIPS 204 encoding (the JDK's X.509 form minus its
 * fixed 22-byte header); signature = exactly 3309 bytes; private key = the 32-byte FIPS 204
 * key-generation seed &xi; (the RFC 9881 "seed" form). The JDK 25 PKCS#8 encoding holds only the
 * expanded key, from which the JDK offers no way back to the public key, and it does not import
 * the seed form; the seed is the smaller, standard and future-proof choice.
 *
 * <p><b>Security.</b> Signing is hedged: the JDK draws the 32-byte {@code rnd} from the caller's
 * {@link SecureRandom} passed to {@code Signature.initSign}. Restoring re-runs the JDK's key
 * generation with a {@link SeedReplayRandom} that returns exactly the stored seed once and fails
 * on any further request, so a change in how the JDK draws its seed breaks loudly instead of
 * producing a different key. Thread-safe: every call creates its own JCA objects.
 */
public final class JcaMlDsa65 implements SignatureScheme {
    static final int PUBLIC_KEY_LENGTH = 1952;
    static final int SIGNATURE_LENGTH = 3309;
    static final int SEED_LENGTH = 32;
    private static final String JCA_NAME = "ML-DSA-65";
    /** Stateless and immutable, so one shared instance is safe. */
    private static final JcaSignatureEngine ENGINE = JcaSignatureEngine.of(JCA_NAME, JCA_NAME);
    /** SubjectPublicKeyInfo header for id-ml-dsa-65 (2.16.840.1.101.3.4.3.18) and a 1952-byte key. */
    private static final Bytes X509_HEADER = Bytes.fromHex("308207b2300b0609608648016503040312038207a100");

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ML_DSA_65;
    }

    @Override
    public SigningKey generate(SecureRandom random) {
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        return fromSeed(SecretBytes.wrapOwned(seed));
    }

    @Override
    public SigningKey restore(SecretBytes encodedPrivateKey) throws InvalidKeyMaterialException {
        if (encodedPrivateKey.length() != SEED_LENGTH) {
            throw new InvalidKeyMaterialException("ML-DSA-65 private key must be the 32-byte seed");
        }
        return fromSeed(SecretBytes.wrapOwned(encodedPrivateKey.revealCopy()));
    }

    private static SigningKey fromSeed(SecretBytes seed) {
        byte[] xi = seed.revealCopy();
        SeedReplayRandom replay = new SeedReplayRandom(xi);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(JCA_NAME);
            generator.initialize(NamedParameterSpec.ML_DSA_65, replay);
            KeyPair pair = generator.generateKeyPair();
            replay.checkFullyConsumed();
            return new Key(seed, pair.getPrivate(), rawPublicKey(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate ML-DSA-65 keys", e);
        } finally {
            Arrays.fill(xi, (byte) 0);
            replay.wipe();
        }
    }

    private static Bytes rawPublicKey(PublicKey key) {
        Bytes x509 = Bytes.wrapOwned(key.getEncoded());
        if (x509.length() != X509_HEADER.length() + PUBLIC_KEY_LENGTH
                || !x509.slice(0, X509_HEADER.length()).equals(X509_HEADER)) {
            throw new IllegalStateException("unexpected ML-DSA-65 public key encoding from the JDK");
        }
        return x509.slice(X509_HEADER.length(), x509.length());
    }

    @Override
    public void checkPublicKey(Bytes publicKey) throws InvalidKeyMaterialException {
        decode(publicKey);
    }

    @Override
    public boolean verify(Bytes publicKey, Bytes message, Bytes signature) throws InvalidKeyMaterialException {
        PublicKey key = decode(publicKey);
        if (signature.length() != SIGNATURE_LENGTH) {
            return false;
        }
        return ENGINE.verify(key, message, signature);
    }

    private static PublicKey decode(Bytes publicKey) throws InvalidKeyMaterialException {
        // Every 1952-byte string is a well-formed ML-DSA-65 key (rho || packed 10-bit t1).
        if (publicKey.length() != PUBLIC_KEY_LENGTH) {
            throw new InvalidKeyMaterialException("ML-DSA-65 public key must be 1952 bytes");
        }
        try {
            return ENGINE.keyFactory()
                    .generatePublic(new X509EncodedKeySpec(Bytes.concat(X509_HEADER, publicKey).toByteArray()));
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyMaterialException("malformed ML-DSA-65 public key", e);
        }
    }

    /** An ML-DSA-65 key pair: the seed for export, the JDK private key for signing. */
    private static final class Key implements SigningKey {
        private final SecretBytes seed;
        private final PrivateKey privateKey;
        private final Bytes publicKey;

        Key(SecretBytes seed, PrivateKey privateKey, Bytes publicKey) {
            this.seed = seed;
            this.privateKey = privateKey;
            this.publicKey = publicKey;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ML_DSA_65;
        }

        @Override
        public Bytes publicKey() {
            return publicKey;
        }

        /** Hedged signing: the JDK draws {@code rnd} from {@code random}. */
        @Override
        public Bytes sign(Bytes message, SecureRandom random) {
            return ENGINE.sign(privateKey, random, message);
        }

        @Override
        public SecretBytes encodedPrivateKey() {
            return SecretBytes.wrapOwned(seed.revealCopy());
        }

        @Override
        public String toString() {
            return "ML-DSA-65 signing key (" + publicKey.length() + "-byte public key)";
        }
    }
}
