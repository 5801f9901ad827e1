package org.parley.crypto.kex;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.EncodedKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import javax.crypto.DecapsulateException;
import javax.crypto.KEM;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange.Encapsulation;
import org.parley.crypto.SecretBytes;

/**
 * ML-KEM-768 (FIPS 203) through the JDK's {@code KEM} API, with raw FIPS 203 encodings on the
 * wire: a 1184-byte encapsulation key and a 1088-byte ciphertext.
 *
 * <p>The JDK's keys speak X.509 / PKCS#8; its key factory also accepts and returns the raw
 * FIPS 203 bytes through an {@link EncodedKeySpec} whose format is {@code "RAW"}, which is how
 * this class converts between the wire form and JDK keys without hand-written DER.
 *
 * <p><b>Security.</b> {@link #encapsulate} performs the FIPS 203 section 7.2 encapsulation key
 * check (the JDK rejects coefficients that are not reduced modulo q when the encapsulator is
 * created); a failing key, like any wrong length, is an {@link InvalidKeyMaterialException}.
 * Decapsulation uses implicit rejection, so a corrupted ciphertext of the right length yields an
 * unrelated secret rather than an error. All randomness (32 bytes d, 32 bytes z for key
 * generation; 32 bytes m for encapsulation, FIPS 203 algorithms 19 and 20) is drawn from the
 * caller's {@link SecureRandom}. The JDK returns the ML-KEM shared secret as a
 * {@code SecretKeySpec} that cannot be destroyed; this class copies it into {@link SecretBytes}
 * and wipes its own copies, but the JDK object is left to the garbage collector.
 */
final class JdkMlKem768 {
    static final int ENCAPSULATION_KEY_LENGTH = 1184;
    static final int CIPHERTEXT_LENGTH = 1088;
    static final int SHARED_SECRET_LENGTH = 32;

    /** The JDK's own provider, pinned so key checks and randomness use are the ones tested here. */
    private static final String PROVIDER = "SunJCE";
    private static final String PARAMETER_SET = "ML-KEM-768";

    private JdkMlKem768() {
    }

    /** Generates a key pair, drawing d then z (32 bytes each) from {@code random}. */
    static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(PARAMETER_SET, PROVIDER);
            generator.initialize(NamedParameterSpec.ML_KEM_768, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no usable ML-KEM-768", e);
        }
    }

    /** The raw 1184-byte FIPS 203 encapsulation key of {@code publicKey}. */
    static Bytes encode(PublicKey publicKey) {
        try {
            byte[] raw = keyFactory().getKeySpec(publicKey, EncodedKeySpec.class).getEncoded();
            if (raw.length != ENCAPSULATION_KEY_LENGTH) {
                throw new IllegalStateException("JDK returned a " + raw.length + "-byte ML-KEM-768 key");
            }
            return Bytes.wrapOwned(raw);
        } catch (InvalidKeySpecException e) {
            throw new IllegalStateException("JDK cannot export a raw ML-KEM-768 key", e);
        }
    }

    /** Parses a raw encapsulation key; the modulus check happens in {@link #encapsulate}. */
    static PublicKey parseEncapsulationKey(Bytes raw) throws InvalidKeyMaterialException {
        if (raw.length() != ENCAPSULATION_KEY_LENGTH) {
            throw new InvalidKeyMaterialException("ML-KEM-768 encapsulation key must be "
                    + ENCAPSULATION_KEY_LENGTH + " bytes, got " + raw.length());
        }
        try {
            return keyFactory().generatePublic(new RawKeySpec(raw.toByteArray()));
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyMaterialException("ML-KEM-768 encapsulation key rejected", e);
        }
    }

    /** The FIPS 203 section 7.2 key check that {@link #encapsulate} makes, without encapsulating. */
    static void checkEncapsulationKey(PublicKey encapsulationKey) throws InvalidKeyMaterialException {
        try {
            kem().newEncapsulator(encapsulationKey);
        } catch (InvalidKeyException e) {
            throw new InvalidKeyMaterialException("ML-KEM-768 encapsulation key fails the FIPS 203 key check", e);
        }
    }

    /** Encapsulates to {@code encapsulationKey}, drawing m (32 bytes) from {@code random}. */
    static Encapsulation encapsulate(PublicKey encapsulationKey, SecureRandom random)
            throws InvalidKeyMaterialException {
        KEM.Encapsulator encapsulator;
        try {
            encapsulator = kem().newEncapsulator(encapsulationKey, random);
        } catch (InvalidKeyException e) {
            throw new InvalidKeyMaterialException("ML-KEM-768 encapsulation key fails the FIPS 203 key check", e);
        }
        KEM.Encapsulated encapsulated = encapsulator.encapsulate();
        byte[] secret = encapsulated.key().getEncoded();
        SecretBytes shared = SecretBytes.copyOf(secret);
        Arrays.fill(secret, (byte) 0);
        return new Encapsulation(Bytes.wrapOwned(encapsulated.encapsulation()), shared);
    }

    /** Decapsulates {@code ciphertext}; only a wrong length or an unusable key is an error. */
    static SecretBytes decapsulate(PrivateKey decapsulationKey, Bytes ciphertext) throws InvalidKeyMaterialException {
        if (ciphertext.length() != CIPHERTEXT_LENGTH) {
            throw new InvalidKeyMaterialException("ML-KEM-768 ciphertext must be " + CIPHERTEXT_LENGTH
                    + " bytes, got " + ciphertext.length());
        }
        byte[] secret = null;
        try {
            secret = kem().newDecapsulator(decapsulationKey).decapsulate(ciphertext.toByteArray()).getEncoded();
            return SecretBytes.copyOf(secret);
        } catch (InvalidKeyException e) {
            throw new InvalidKeyMaterialException("ML-KEM-768 decapsulation key rejected", e);
        } catch (DecapsulateException e) {
            throw new InvalidKeyMaterialException("ML-KEM-768 ciphertext rejected", e);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    private static KEM kem() {
        try {
            return KEM.getInstance("ML-KEM", PROVIDER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no ML-KEM", e);
        }
    }

    private static KeyFactory keyFactory() {
        try {
            return KeyFactory.getInstance(PARAMETER_SET, PROVIDER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no ML-KEM-768 key factory", e);
        }
    }

    /** The raw FIPS 203 byte form, which the JDK's ML-KEM key factory accepts as format "RAW". */
    private static final class RawKeySpec extends EncodedKeySpec {
        RawKeySpec(byte[] encoded) {
            super(encoded, PARAMETER_SET);
        }

        @Override
        public String getFormat() {
            return "RAW";
        }
    }
}
