package org.parley.crypto.sig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;

/**
 * Signatures from fixed keys and a fixed SecureRandom stream are byte-identical across runs and
 * JDK updates: the SHA-256 of each is pinned. For the randomized schemes (RSA-PSS, ML-DSA) this
 * also proves the provider takes its randomness from the SecureRandom Parley passes and from
 * nothing else. The deterministic schemes are further pinned by RFC 8032 and RFC 6979 vectors.
 * The pins were recorded from the first run (JDK 25.0.3, BouncyCastle 1.87); a change means some
 * provider now signs differently and must be understood before the pin is updated.
 */
class PinnedSignatureTest {
    private static final Bytes MESSAGE = Bytes.utf8("pinned Parley signature");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ED25519, 994945303063b54ffb70eb2d938ed86421ed699e84dfd48a6149c69cd12706c3",
        "ED448, dbcc6b854500d1f8463fe1ce0ee5d245dc4a9e28b51f44a4186b5343121cb5b1",
        "ECDSA_P256_SHA256, 12d4a78d957a7954a94e2b2ceb3b357279343bd0d04bf6a09e0717230c2a9af4",
        "ECDSA_P384_SHA384, bfd58c2a9436461a18ae2870baf265996295b91b706e05d1edb9584ecbb747a3",
        "RSA_PSS_3072_SHA256, fb2a011c48aa688b15ab11737036ec76e48ab51389dc938aa9767a7019641663",
        "ML_DSA_65, 95194f4014830f5301cd85508d1abcb22fbad5afae57e44d6959e3e47d75eb6b",
    })
    void signsExactlyThePinnedBytes(SignatureAlgorithm algorithm, String pinnedSha256) throws Exception {
        SigningKey key = algorithm.create().restore(fixedPrivateKey(algorithm));

        Bytes signature = key.sign(MESSAGE, TestRandoms.seeded(2026));

        assertThat(HashAlgorithm.SHA256.create().digest(signature).toHex()).isEqualTo(pinnedSha256);
        assertThat(algorithm.create().verify(key.publicKey(), MESSAGE, signature)).isTrue();
    }

    private static SecretBytes fixedPrivateKey(SignatureAlgorithm algorithm) {
        Bytes encoded = switch (algorithm) {
            case ED25519, ML_DSA_65 -> counting(32);
            case ED448 -> counting(57);
            case ECDSA_P256_SHA256 -> counting(32);
            case ECDSA_P384_SHA384 -> counting(48);
            case RSA_PSS_3072_SHA256 -> HexResource.read("rsa3072-test-key.pk8.hex");
        };
        return SecretBytes.wrapOwned(encoded.toByteArray());
    }

    /** 00 01 02 ... : a valid seed, and a scalar far below either curve order. */
    private static Bytes counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return Bytes.wrapOwned(bytes);
    }
}
