package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.crypto.aead.RecordCipherRoundTripTest.randomSecret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * A sealer refuses a sequence number that is not above the last one it sealed, whatever the
 * algorithm and whether or not its provider cipher is shared with an opener: sealing twice under
 * one sequence number would reuse the nonce (for CTR, the keystream), so a record layer that ever
 * repeated one must fail loudly. The JDK's own refusal does not cover this: it compares only with
 * the previous initialisation for ChaCha20-Poly1305 (which an open on a shared cipher replaces),
 * only with the previous encryption for AES-GCM, and does not exist for AES-CTR.
 */
class RepeatedSequenceTest {

    static Stream<Arguments> ciphers() {
        return Stream.of(RecordCipherAlgorithm.values()).flatMap(algorithm -> Stream.of(
                Arguments.of(algorithm, false), Arguments.of(algorithm, true)));
    }

    @ParameterizedTest(name = "{0}, confined {1}")
    @MethodSource("ciphers")
    void aRepeatedSequenceNumberIsRefusedEvenWithAnOpenInBetween(RecordCipherAlgorithm algorithm, boolean confined)
            throws Exception {
        RecordCipher cipher = confined ? algorithm.create().confinedToOneThread() : algorithm.create();
        Random random = new Random(5 + algorithm.ordinal());
        SecretBytes sendKey = randomSecret(random, cipher.keyLength());
        SecretBytes sendIv = randomSecret(random, cipher.ivLength());
        SecretBytes receiveKey = randomSecret(random, cipher.keyLength());
        SecretBytes receiveIv = randomSecret(random, cipher.ivLength());

        try (RecordSealer sealer = cipher.sealer(sendKey, sendIv);
             RecordOpener opener = cipher.opener(receiveKey, receiveIv);
             RecordSealer peer = algorithm.create().sealer(receiveKey, receiveIv)) {
            seal(sealer, 3, cipher.overhead());
            byte[] inbound = seal(peer, 0, cipher.overhead());
            opener.open(0, aad(), ByteBuffer.wrap(inbound), ByteBuffer.allocate(inbound.length));

            assertThatThrownBy(() -> seal(sealer, 3, cipher.overhead())).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> seal(sealer, 2, cipher.overhead())).isInstanceOf(IllegalStateException.class);
            assertThat(seal(sealer, 4, cipher.overhead())).hasSize(text().length + cipher.overhead());
        }
    }

    private static byte[] seal(RecordSealer sealer, long sequence, int overhead) {
        ByteBuffer out = ByteBuffer.allocate(text().length + overhead);
        sealer.seal(sequence, aad(), ByteBuffer.wrap(text()), out);
        return out.array();
    }

    private static ByteBuffer aad() {
        return ByteBuffer.wrap(new byte[] {1, 2, 3});
    }

    private static byte[] text() {
        return "the same plaintext each time".getBytes(StandardCharsets.UTF_8);
    }
}
