package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * Every record cipher round-trips every record length the protocol allows, in heap and direct
 * buffers. A JDK bug (JDK-8371864) once broke AES-GCM at some lengths only, so every length from
 * 0 to 17 KiB is checked, not a sample.
 */
class RecordCipherRoundTripTest {
    private static final int MAX_RECORD = 17 * 1024;

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void roundTripsEveryPlaintextLengthUpTo17KiB(RecordCipherAlgorithm algorithm) throws Exception {
        RecordCipher cipher = algorithm.create();
        Random random = new Random(algorithm.ordinal());
        SecretBytes key = randomSecret(random, cipher.keyLength());
        SecretBytes iv = randomSecret(random, cipher.ivLength());
        byte[] plaintext = new byte[MAX_RECORD];
        random.nextBytes(plaintext);
        ByteBuffer sealed = ByteBuffer.allocate(MAX_RECORD + cipher.overhead());
        ByteBuffer opened = ByteBuffer.allocate(MAX_RECORD);
        List<String> failures = new ArrayList<>();

        try (RecordSealer sealer = cipher.sealer(key, iv); RecordOpener opener = cipher.opener(key, iv)) {
            for (int length = 0; length <= MAX_RECORD; length++) {
                byte[] aad = new byte[random.nextInt(33)];
                random.nextBytes(aad);
                sealed.clear();
                opened.clear();
                int sealedLength = sealer.seal(length, ByteBuffer.wrap(aad), ByteBuffer.wrap(plaintext, 0, length), sealed);
                int openedLength = opener.open(length, ByteBuffer.wrap(aad), sealed.flip(), opened);
                if (sealedLength != length + cipher.overhead() || openedLength != length
                        || !Arrays.equals(opened.array(), 0, length, plaintext, 0, length)) {
                    failures.add("length " + length);
                }
            }
        }

        assertThat(failures).as("%s round trips", algorithm).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void roundTripsThroughDirectBuffersAndMovesPositions(RecordCipherAlgorithm algorithm) throws Exception {
        RecordCipher cipher = algorithm.create();
        Random random = new Random(7);
        SecretBytes key = randomSecret(random, cipher.keyLength());
        SecretBytes iv = randomSecret(random, cipher.ivLength());
        try (RecordSealer sealer = cipher.sealer(key, iv); RecordOpener opener = cipher.opener(key, iv)) {
            for (int length : new int[] {0, 1, 15, 16, 17, 255, 4096, MAX_RECORD}) {
                byte[] message = new byte[length];
                random.nextBytes(message);
                ByteBuffer aad = ByteBuffer.allocateDirect(5).put(new byte[] {1, 2, 3, 4, 5}).flip();
                ByteBuffer plaintext = ByteBuffer.allocateDirect(length).put(message).flip();
                ByteBuffer sealed = ByteBuffer.allocateDirect(length + cipher.overhead());
                ByteBuffer opened = ByteBuffer.allocateDirect(length);

                sealer.seal(length, aad, plaintext, sealed);
                ByteBuffer openAad = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
                int openedLength = opener.open(length, openAad, sealed.flip(), opened);

                byte[] result = new byte[openedLength];
                opened.flip().get(result);
                assertThat(result).as("length %d", length).isEqualTo(message);
                assertThat(plaintext.hasRemaining()).as("plaintext consumed").isFalse();
                assertThat(sealed.hasRemaining()).as("record consumed").isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void reportsTheDocumentedLengths(RecordCipherAlgorithm algorithm) {
        RecordCipher cipher = algorithm.create();

        int[] expected = switch (algorithm) {
            case AES_128_GCM -> new int[] {16, 12, 16};
            case AES_256_GCM, CHACHA20_POLY1305 -> new int[] {32, 12, 16};
            case AES_256_CTR_HMAC_SHA256, AES_256_CTR_HMAC_SHA3_256 -> new int[] {64, 12, 32};
            case AES_256_CTR_HMAC_SHA512 -> new int[] {96, 12, 64};
        };

        assertThat(new int[] {cipher.keyLength(), cipher.ivLength(), cipher.overhead()}).isEqualTo(expected);
        assertThat(cipher.algorithm()).isEqualTo(algorithm);
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void rejectsKeysAndIvsOfTheWrongLength(RecordCipherAlgorithm algorithm) {
        RecordCipher cipher = algorithm.create();
        SecretBytes key = SecretBytes.zeros(cipher.keyLength());
        SecretBytes iv = SecretBytes.zeros(cipher.ivLength());

        assertThatThrownBy(() -> cipher.sealer(SecretBytes.zeros(cipher.keyLength() - 1), iv))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.opener(SecretBytes.zeros(cipher.keyLength() + 1), iv))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.sealer(key, SecretBytes.zeros(8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.opener(key, SecretBytes.zeros(16)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void copiesTheKeySoTheCallerMayDestroyItsOwn(RecordCipherAlgorithm algorithm) throws Exception {
        RecordCipher cipher = algorithm.create();
        Random random = new Random(3);
        SecretBytes key = randomSecret(random, cipher.keyLength());
        SecretBytes iv = randomSecret(random, cipher.ivLength());
        RecordSealer sealer = cipher.sealer(key, iv);
        RecordOpener opener = cipher.opener(key, iv);
        key.destroy();
        iv.destroy();
        ByteBuffer sealed = ByteBuffer.allocate(3 + cipher.overhead());
        ByteBuffer opened = ByteBuffer.allocate(3);

        sealer.seal(0, ByteBuffer.allocate(0), ByteBuffer.wrap(new byte[] {7, 8, 9}), sealed);
        opener.open(0, ByteBuffer.allocate(0), sealed.flip(), opened);

        assertThat(opened.array()).containsExactly(7, 8, 9);
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void refusesUseAfterClose(RecordCipherAlgorithm algorithm) {
        RecordCipher cipher = algorithm.create();
        RecordSealer sealer = cipher.sealer(SecretBytes.zeros(cipher.keyLength()), SecretBytes.zeros(12));
        RecordOpener opener = cipher.opener(SecretBytes.zeros(cipher.keyLength()), SecretBytes.zeros(12));
        sealer.close();
        opener.close();
        ByteBuffer out = ByteBuffer.allocate(100);

        assertThatThrownBy(() -> sealer.seal(0, ByteBuffer.allocate(0), ByteBuffer.allocate(1), out))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> opener.open(0, ByteBuffer.allocate(0), ByteBuffer.allocate(80), out))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void refusesAnOutputBufferTooSmallForTheSealedRecord(RecordCipherAlgorithm algorithm) {
        RecordCipher cipher = algorithm.create();
        RecordSealer sealer = cipher.sealer(SecretBytes.zeros(cipher.keyLength()), SecretBytes.zeros(12));
        ByteBuffer out = ByteBuffer.allocate(10 + cipher.overhead() - 1);

        assertThatThrownBy(() -> sealer.seal(0, ByteBuffer.allocate(0), ByteBuffer.allocate(10), out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.position()).isZero();
    }

    /** The JDK refuses to re-key an AEAD for encryption with the previous key and nonce. */
    @ParameterizedTest
    @EnumSource(names = {"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    void refusesToSealTheSameSequenceNumberTwiceInARow(RecordCipherAlgorithm algorithm) {
        RecordCipher cipher = algorithm.create();
        RecordSealer sealer = cipher.sealer(SecretBytes.zeros(cipher.keyLength()), SecretBytes.zeros(12));
        sealer.seal(5, ByteBuffer.allocate(0), ByteBuffer.allocate(1), ByteBuffer.allocate(1 + cipher.overhead()));

        assertThatThrownBy(() -> sealer.seal(5, ByteBuffer.allocate(0), ByteBuffer.allocate(1),
                ByteBuffer.allocate(1 + cipher.overhead())))
                .isInstanceOf(IllegalStateException.class);
    }

    static SecretBytes randomSecret(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return SecretBytes.wrapOwned(bytes);
    }
}
