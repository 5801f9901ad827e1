package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A record sealed in place (the plaintext already where its ciphertext goes, in the output
 * buffer) has exactly the bytes of the same record sealed from a separate buffer, at every length
 * up to 17 KiB (JDK-8371864 once broke AES-GCM at some lengths only), in heap and direct buffers.
 */
class InPlaceSealTest {
    private static final int MAX_RECORD = 17 * 1024;
    /** Bytes before the record in the output buffer, as a frame header precedes it there. */
    private static final int HEADER = 3;

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void aRecordSealedInPlaceIsTheRecordSealedFromASeparateBufferAtEveryLength(RecordCipherAlgorithm algorithm) {
        List<String> failures = sealEveryLength(algorithm, false, 1);

        assertThat(failures).as("%s in place, heap", algorithm).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void aRecordSealedInPlaceInDirectMemoryIsTheSameToo(RecordCipherAlgorithm algorithm) {
        List<String> failures = sealEveryLength(algorithm, true, 97);

        assertThat(failures).as("%s in place, direct", algorithm).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void aRecordSealedInPlaceOpens(RecordCipherAlgorithm algorithm) throws Exception {
        RecordCipher cipher = algorithm.create();
        Random random = new Random(11);
        SecretBytes key = RecordCipherRoundTripTest.randomSecret(random, cipher.keyLength());
        SecretBytes iv = RecordCipherRoundTripTest.randomSecret(random, cipher.ivLength());
        byte[] message = new byte[5_000];
        random.nextBytes(message);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + message.length + cipher.overhead());
        frame.position(HEADER).put(message).position(HEADER);
        byte[] aad = {9, 8, 7};

        try (RecordSealer sealer = cipher.sealer(key, iv); RecordOpener opener = cipher.opener(key, iv)) {
            sealer.seal(42, ByteBuffer.wrap(aad), frame.duplicate().limit(HEADER + message.length), frame);
            ByteBuffer opened = ByteBuffer.allocate(message.length);
            opener.open(42, ByteBuffer.wrap(aad), frame.flip().position(HEADER), opened);

            assertThat(opened.array()).isEqualTo(message);
        }
    }

    /** Seals lengths 0, step, 2 step, ... up to 17 KiB both ways; the lengths whose bytes differ. */
    private static List<String> sealEveryLength(RecordCipherAlgorithm algorithm, boolean direct, int step) {
        RecordCipher cipher = algorithm.create();
        Random random = new Random(algorithm.ordinal());
        SecretBytes key = RecordCipherRoundTripTest.randomSecret(random, cipher.keyLength());
        SecretBytes iv = RecordCipherRoundTripTest.randomSecret(random, cipher.ivLength());
        byte[] plaintext = new byte[MAX_RECORD];
        random.nextBytes(plaintext);
        int size = HEADER + MAX_RECORD + cipher.overhead();
        ByteBuffer separate = ByteBuffer.allocate(size);
        ByteBuffer inPlace = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        byte[] expected = new byte[size];
        byte[] actual = new byte[size];
        List<String> failures = new ArrayList<>();
        // Two sealers under one key: the JDK refuses to seal twice with one Cipher, key and nonce.
        try (RecordSealer reference = cipher.sealer(key, iv); RecordSealer sealer = cipher.sealer(key, iv)) {
            for (int length = 0; length <= MAX_RECORD; length += step) {
                byte[] aad = new byte[random.nextInt(33)];
                random.nextBytes(aad);
                separate.clear().position(HEADER);
                int expectedLength = reference.seal(length, ByteBuffer.wrap(aad), ByteBuffer.wrap(plaintext, 0, length), separate);
                inPlace.clear().position(HEADER);
                inPlace.put(plaintext, 0, length).position(HEADER);
                ByteBuffer staged = inPlace.duplicate().limit(HEADER + length);
                int actualLength = sealer.seal(length, ByteBuffer.wrap(aad), staged, inPlace);
                separate.get(HEADER, expected, 0, expectedLength);
                inPlace.get(HEADER, actual, 0, actualLength);
                if (actualLength != expectedLength || inPlace.position() != HEADER + actualLength
                        || staged.hasRemaining() || !Arrays.equals(expected, 0, expectedLength, actual, 0, actualLength)) {
                    failures.add("length " + length);
                }
            }
        }
        return failures;
    }
}
