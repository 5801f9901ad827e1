package org.parley.crypto.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SignatureScheme;
import org.parley.crypto.SigningKey;
import org.parley.crypto.VerificationKey;

/**
 * The contract every {@link SignatureScheme} keeps: round trips, rejection of any change to the
 * message, signature or key, the documented encodings and lengths, restore, and signing that
 * depends on nothing but the key, the message and the caller's SecureRandom.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignatureSchemeContractTest {
    private static final Bytes MESSAGE = Bytes.utf8("Parley transcript hash stand-in: 0123456789abcdef");

    /** Two keys per algorithm, made once: RSA-3072 key generation takes about a second. */
    private final Map<SignatureAlgorithm, SigningKey> keys = new EnumMap<>(SignatureAlgorithm.class);
    private final Map<SignatureAlgorithm, SigningKey> otherKeys = new EnumMap<>(SignatureAlgorithm.class);

    @BeforeAll
    void generateKeys() {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            keys.put(algorithm, algorithm.create().generate(TestRandoms.seeded(algorithm.ordinal())));
            otherKeys.put(algorithm, algorithm.create().generate(TestRandoms.seeded(100 + algorithm.ordinal())));
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void createsASchemeAndKeysOfItsOwnAlgorithm(SignatureAlgorithm algorithm) {
        assertThat(algorithm.create().algorithm()).isEqualTo(algorithm);
        assertThat(keys.get(algorithm).algorithm()).isEqualTo(algorithm);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void verifiesItsOwnSignature(SignatureAlgorithm algorithm) throws Exception {
        SigningKey key = keys.get(algorithm);

        Bytes signature = key.sign(MESSAGE, TestRandoms.seeded(1));

        assertThat(algorithm.create().verify(key.publicKey(), MESSAGE, signature)).isTrue();
        assertThat(algorithm.create().verify(key.publicKey(), Bytes.empty(), key.sign(Bytes.empty(), TestRandoms.seeded(1))))
                .as("empty message").isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void encodesKeysAndSignaturesWithTheSpecifiedLengths(SignatureAlgorithm algorithm) {
        SigningKey key = keys.get(algorithm);
        int[] expected = switch (algorithm) {
            // public key, signature, private key (-1: variable-length PKCS#8)
            case ED25519 -> new int[] {32, 64, 32};
            case ED448 -> new int[] {57, 114, 57};
            case ECDSA_P256_SHA256 -> new int[] {65, 64, 32};
            case ECDSA_P384_SHA384 -> new int[] {97, 96, 48};
            case RSA_PSS_3072_SHA256 -> new int[] {422, 384, -1};
            case ML_DSA_65 -> new int[] {1952, 3309, 32};
        };

        Bytes signature = key.sign(MESSAGE, TestRandoms.seeded(1));
        SecretBytes privateKey = key.encodedPrivateKey();

        assertThat(key.publicKey().length()).isEqualTo(expected[0]);
        assertThat(signature.length()).isEqualTo(expected[1]);
        if (expected[2] >= 0) {
            assertThat(privateKey.length()).isEqualTo(expected[2]);
        } else {
            assertThat(privateKey.revealCopy()[0]).as("PKCS#8 starts with a DER SEQUENCE").isEqualTo((byte) 0x30);
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void rejectsAnyFlippedBitInTheMessage(SignatureAlgorithm algorithm) throws Exception {
        SigningKey key = keys.get(algorithm);
        Bytes signature = key.sign(MESSAGE, TestRandoms.seeded(1));

        for (int bit : new int[] {0, 7, 8 * MESSAGE.length() / 2 + 3, 8 * MESSAGE.length() - 1}) {
            assertThat(algorithm.create().verify(key.publicKey(), flip(MESSAGE, bit), signature)).as("bit %d", bit).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void rejectsAnyFlippedBitInTheSignature(SignatureAlgorithm algorithm) throws Exception {
        SigningKey key = keys.get(algorithm);
        Bytes signature = key.sign(MESSAGE, TestRandoms.seeded(1));
        int bits = 8 * signature.length();

        for (int bit : new int[] {0, 7, 8, bits / 2 - 1, bits / 2, bits / 2 + 5, bits - 8, bits - 1}) {
            assertThat(algorithm.create().verify(key.publicKey(), MESSAGE, flip(signature, bit))).as("bit %d", bit).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void rejectsTruncatedExtendedAndEmptySignatures(SignatureAlgorithm algorithm) throws Exception {
        SigningKey key = keys.get(algorithm);
        SignatureScheme scheme = algorithm.create();
        Bytes signature = key.sign(MESSAGE, TestRandoms.seeded(1));

        assertThat(scheme.verify(key.publicKey(), MESSAGE, signature.slice(0, signature.length() - 1))).isFalse();
        assertThat(scheme.verify(key.publicKey(), MESSAGE, Bytes.concat(signature, Bytes.fromHex("00")))).isFalse();
        assertThat(scheme.verify(key.publicKey(), MESSAGE, Bytes.concat(Bytes.fromHex("00"), signature))).isFalse();
        assertThat(scheme.verify(key.publicKey(), MESSAGE, Bytes.empty())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void rejectsASignatureUnderAnotherKey(SignatureAlgorithm algorithm) throws Exception {
        Bytes signature = keys.get(algorithm).sign(MESSAGE, TestRandoms.seeded(1));

        assertThat(algorithm.create().verify(otherKeys.get(algorithm).publicKey(), MESSAGE, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void rejectsMalformedPublicKeysWithTheTypedException(SignatureAlgorithm algorithm) {
        SignatureScheme scheme = algorithm.create();
        SigningKey key = keys.get(algorithm);
        Bytes publicKey = key.publicKey();
        Bytes signature = key.sign(MESSAGE, TestRandoms.seeded(1));

        for (Bytes bad : new Bytes[] {
            Bytes.empty(), publicKey.slice(0, publicKey.length() - 1), Bytes.concat(publicKey, Bytes.fromHex("00"))}) {
            assertThatThrownBy(() -> scheme.checkPublicKey(bad)).isInstanceOf(InvalidKeyMaterialException.class);
            assertThatThrownBy(() -> scheme.verify(bad, MESSAGE, signature)).isInstanceOf(InvalidKeyMaterialException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void aVerificationKeyAcceptsExactlyWhatVerifyAccepts(SignatureAlgorithm algorithm) throws Exception {
        SignatureScheme scheme = algorithm.create();
        SigningKey key = keys.get(algorithm);
        Bytes signature = key.sign(MESSAGE, TestRandoms.seeded(1));
        Bytes otherSignature = otherKeys.get(algorithm).sign(MESSAGE, TestRandoms.seeded(1));

        VerificationKey verificationKey = scheme.verificationKey(key.publicKey());

        assertThat(verificationKey.algorithm()).isEqualTo(algorithm);
        assertThat(verificationKey.publicKey()).isEqualTo(key.publicKey());
        assertThat(verificationKey.verify(MESSAGE, signature)).isTrue();
        assertThat(verificationKey.verify(MESSAGE, signature)).as("verifies again").isTrue();
        assertThat(verificationKey.verify(flip(MESSAGE, 3), signature)).isFalse();
        assertThat(verificationKey.verify(MESSAGE, flip(signature, 5))).isFalse();
        assertThat(verificationKey.verify(MESSAGE, signature.slice(0, signature.length() - 1))).isFalse();
        assertThat(verificationKey.verify(MESSAGE, otherSignature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void refusesAVerificationKeyForAMalformedPublicKey(SignatureAlgorithm algorithm) {
        SignatureScheme scheme = algorithm.create();
        Bytes publicKey = keys.get(algorithm).publicKey();

        for (Bytes bad : new Bytes[] {
            Bytes.empty(), publicKey.slice(0, publicKey.length() - 1), Bytes.concat(publicKey, Bytes.fromHex("00"))}) {
            assertThatThrownBy(() -> scheme.verificationKey(bad)).isInstanceOf(InvalidKeyMaterialException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void neverAcceptsOrThrowsUncheckedForABitFlippedPublicKey(SignatureAlgorithm algorithm) {
        SignatureScheme scheme = algorithm.create();
        SigningKey key = keys.get(algorithm);
        Bytes signature = key.sign(MESSAGE, TestRandoms.seeded(1));
        int bits = 8 * key.publicKey().length();

        for (int bit = 0; bit < bits; bit += Math.max(1, bits / 97)) {
            assertThat(Verification.accepts(scheme, flip(key.publicKey(), bit), MESSAGE, signature)).as("bit %d", bit).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void rejectsRandomSignaturesWithoutThrowing(SignatureAlgorithm algorithm) throws Exception {
        SignatureScheme scheme = algorithm.create();
        Bytes publicKey = keys.get(algorithm).publicKey();
        int length = keys.get(algorithm).sign(MESSAGE, TestRandoms.seeded(1)).length();
        Random random = new Random(algorithm.ordinal());

        for (int i = 0; i < 64; i++) {
            byte[] garbage = new byte[i % 4 == 0 ? random.nextInt(2 * length) : length];
            random.nextBytes(garbage);

            assertThat(scheme.verify(publicKey, MESSAGE, Bytes.wrapOwned(garbage))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void restoresTheSameKeyFromItsEncodedPrivateKey(SignatureAlgorithm algorithm) throws Exception {
        SignatureScheme scheme = algorithm.create();
        SigningKey original = keys.get(algorithm);

        SigningKey restored = scheme.restore(original.encodedPrivateKey());

        assertThat(restored.publicKey()).isEqualTo(original.publicKey());
        assertThat(restored.encodedPrivateKey()).isEqualTo(original.encodedPrivateKey());
        assertThat(scheme.verify(original.publicKey(), MESSAGE, restored.sign(MESSAGE, TestRandoms.seeded(2)))).isTrue();
        assertThat(restored.sign(MESSAGE, TestRandoms.seeded(2))).isEqualTo(original.sign(MESSAGE, TestRandoms.seeded(2)));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void refusesToRestoreMalformedPrivateKeys(SignatureAlgorithm algorithm) {
        SignatureScheme scheme = algorithm.create();
        byte[] encoded = keys.get(algorithm).encodedPrivateKey().revealCopy();

        assertThatThrownBy(() -> scheme.restore(SecretBytes.zeros(0))).isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> scheme.restore(SecretBytes.copyOf(encoded, 0, encoded.length - 1)))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signsByteIdenticallyGivenTheSameRandomStream(SignatureAlgorithm algorithm) {
        SigningKey key = keys.get(algorithm);

        Bytes first = key.sign(MESSAGE, TestRandoms.seeded(42));
        Bytes second = key.sign(MESSAGE, TestRandoms.seeded(42));

        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(names = {"ED25519", "ED448", "ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    void deterministicAlgorithmsNeverTouchTheRandom(SignatureAlgorithm algorithm) {
        SigningKey key = keys.get(algorithm);

        Bytes withoutRandom = key.sign(MESSAGE, TestRandoms.unusable());

        assertThat(withoutRandom).isEqualTo(key.sign(MESSAGE, TestRandoms.seeded(7)));
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA_PSS_3072_SHA256", "ML_DSA_65"})
    void randomizedAlgorithmsDrawFromTheCallersRandom(SignatureAlgorithm algorithm) {
        SigningKey key = keys.get(algorithm);

        Bytes seven = key.sign(MESSAGE, TestRandoms.seeded(7));
        Bytes eight = key.sign(MESSAGE, TestRandoms.seeded(8));

        // Same stream gives the same bytes (other test); a different stream changes them, so the
        // provider used the SecureRandom passed to Signature.initSign and nothing else.
        assertThat(eight).isNotEqualTo(seven);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void neverShowsThePrivateKeyInToString(SignatureAlgorithm algorithm) {
        SigningKey key = keys.get(algorithm);
        String privateHex = Bytes.wrapOwned(key.encodedPrivateKey().revealCopy()).toHex();

        assertThat(key.toString()).doesNotContain(privateHex.substring(0, 16));
    }

    private static Bytes flip(Bytes value, int bit) {
        byte[] copy = value.toByteArray();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return Bytes.wrapOwned(copy);
    }
}
