package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/** The per-record nonce is the static IV XOR the big-endian sequence number, right-aligned. */
class NonceDerivationTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void xorsTheBigEndianSequenceIntoTheLastEightBytes() {
        RecordNonce nonce = new RecordNonce(SecretBytes.copyOf(HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaab")), 12);

        assertThat(HEX.formatHex(nonce.forSequence(0))).isEqualTo("a0a1a2a3a4a5a6a7a8a9aaab");
        assertThat(HEX.formatHex(nonce.forSequence(1))).isEqualTo("a0a1a2a3a4a5a6a7a8a9aaaa");
        assertThat(HEX.formatHex(nonce.forSequence(0x0102030405060708L))).isEqualTo("a0a1a2a3a5a7a5a3adafada3");
        assertThat(HEX.formatHex(nonce.forSequence(-1L))).isEqualTo("a0a1a2a35b5a595857565554");
    }

    @Test
    void leavesTheCtrBlockCounterAtZero() {
        RecordNonce nonce = new RecordNonce(SecretBytes.copyOf(HEX.parseHex("ffffffffffffffffffffffff")), 16);

        assertThat(HEX.formatHex(nonce.forSequence(2))).isEqualTo("fffffffffffffffffffffffd00000000");
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void sealsEqualPlaintextsDifferentlyUnderDifferentSequenceNumbers(RecordCipherAlgorithm algorithm) {
        RecordCipher cipher = algorithm.create();
        Random random = new Random(99);
        SecretBytes key = RecordCipherRoundTripTest.randomSecret(random, cipher.keyLength());
        SecretBytes iv = RecordCipherRoundTripTest.randomSecret(random, cipher.ivLength());
        Set<Bytes> records = new HashSet<>();
        long[] sequences = {0, 1, 2, 255, 256, 1L << 32, 1L << 56, Long.MIN_VALUE, -1L};

        try (RecordSealer sealer = cipher.sealer(key, iv)) {
            for (long sequence : sequences) {
                records.add(seal(sealer, cipher, sequence, new byte[32]));
            }
        }

        assertThat(records).hasSize(sequences.length);
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void sealsDeterministicallyForEqualKeyIvAndSequence(RecordCipherAlgorithm algorithm) {
        RecordCipher cipher = algorithm.create();
        Random random = new Random(5);
        SecretBytes key = RecordCipherRoundTripTest.randomSecret(random, cipher.keyLength());
        SecretBytes iv = RecordCipherRoundTripTest.randomSecret(random, cipher.ivLength());
        byte[] plaintext = new byte[100];
        random.nextBytes(plaintext);

        Bytes first;
        Bytes second;
        try (RecordSealer one = cipher.sealer(key, iv); RecordSealer two = cipher.sealer(key, iv)) {
            first = seal(one, cipher, 7, plaintext);
            second = seal(two, cipher, 7, plaintext);
        }

        assertThat(first).isEqualTo(second);
        assertThat(first.length()).isEqualTo(plaintext.length + cipher.overhead());
    }

    private static Bytes seal(RecordSealer sealer, RecordCipher cipher, long sequence, byte[] plaintext) {
        ByteBuffer out = ByteBuffer.allocate(plaintext.length + cipher.overhead());
        sealer.seal(sequence, ByteBuffer.wrap(new byte[] {1}), ByteBuffer.wrap(plaintext), out);
        return Bytes.copyOf(out.array());
    }
}
