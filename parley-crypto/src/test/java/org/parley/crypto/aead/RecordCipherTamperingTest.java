package org.parley.crypto.aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * Every change to a sealed record, its AAD or its sequence number is refused with
 * {@link AuthenticationFailedException}, and the opener writes nothing to the output buffer.
 */
class RecordCipherTamperingTest {
    private static final byte UNTOUCHED = 0x5A;
    private static final long SEQUENCE = 41;
    private static final byte[] AAD = {23, 3, 3, 0, 77};

    private final Random random = new Random(1234);

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void rejectsEverySingleBitFlipInCiphertextOrTag(RecordCipherAlgorithm algorithm) throws Exception {
        Fixture fixture = new Fixture(algorithm, 40);
        byte[] record = fixture.seal(SEQUENCE, AAD);

        for (int bit = 0; bit < record.length * 8; bit++) {
            byte[] tampered = record.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            fixture.assertRejected(SEQUENCE, AAD, tampered);
        }
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void rejectsAChangedAad(RecordCipherAlgorithm algorithm) throws Exception {
        Fixture fixture = new Fixture(algorithm, 40);
        byte[] record = fixture.seal(SEQUENCE, AAD);
        byte[] flipped = AAD.clone();
        flipped[4] ^= 1;

        fixture.assertRejected(SEQUENCE, flipped, record);
        fixture.assertRejected(SEQUENCE, Arrays.copyOf(AAD, AAD.length - 1), record);
        fixture.assertRejected(SEQUENCE, Arrays.copyOf(AAD, AAD.length + 1), record);
        fixture.assertRejected(SEQUENCE, new byte[0], record);
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void rejectsAWrongSequenceNumber(RecordCipherAlgorithm algorithm) throws Exception {
        Fixture fixture = new Fixture(algorithm, 40);
        byte[] record = fixture.seal(SEQUENCE, AAD);

        for (long wrong : new long[] {SEQUENCE - 1, SEQUENCE + 1, SEQUENCE | (1L << 56), SEQUENCE ^ Long.MIN_VALUE}) {
            fixture.assertRejected(wrong, AAD, record);
        }
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void rejectsEveryTruncationOfTheRecord(RecordCipherAlgorithm algorithm) throws Exception {
        Fixture fixture = new Fixture(algorithm, 40);
        byte[] record = fixture.seal(SEQUENCE, AAD);

        for (int length = 0; length < record.length; length++) {
            fixture.assertRejected(SEQUENCE, AAD, Arrays.copyOf(record, length));
        }
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void rejectsATamperedEmptyRecordWithoutTouchingTheOutput(RecordCipherAlgorithm algorithm) throws Exception {
        Fixture fixture = new Fixture(algorithm, 0);
        byte[] record = fixture.seal(SEQUENCE, AAD);
        record[record.length - 1] ^= 0x40;

        fixture.assertRejected(SEQUENCE, AAD, record);
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void rejectsAnOutputBufferTooSmallForThePlaintext(RecordCipherAlgorithm algorithm) throws Exception {
        Fixture fixture = new Fixture(algorithm, 40);
        byte[] record = fixture.seal(SEQUENCE, AAD);
        ByteBuffer out = ByteBuffer.allocate(39);

        assertThatThrownBy(() -> fixture.opener.open(SEQUENCE, ByteBuffer.wrap(AAD), ByteBuffer.wrap(record), out))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(out.position()).isZero();
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void stillOpensGenuineRecordsAfterRejectingForgeries(RecordCipherAlgorithm algorithm) throws Exception {
        Fixture fixture = new Fixture(algorithm, 40);
        byte[] record = fixture.seal(SEQUENCE, AAD);
        byte[] forged = record.clone();
        forged[0] ^= 1;
        fixture.assertRejected(SEQUENCE, AAD, forged);
        ByteBuffer out = ByteBuffer.allocate(40);

        fixture.opener.open(SEQUENCE, ByteBuffer.wrap(AAD), ByteBuffer.wrap(record), out);

        assertThat(out.array()).isEqualTo(fixture.plaintext);
    }

    /** One sealer/opener pair under a random key, with a random plaintext of a given length. */
    private final class Fixture {
        final RecordSealer sealer;
        final RecordOpener opener;
        final RecordCipher cipher;
        final byte[] plaintext;

        Fixture(RecordCipherAlgorithm algorithm, int plaintextLength) {
            cipher = algorithm.create();
            SecretBytes key = RecordCipherRoundTripTest.randomSecret(random, cipher.keyLength());
            SecretBytes iv = RecordCipherRoundTripTest.randomSecret(random, cipher.ivLength());
            sealer = cipher.sealer(key, iv);
            opener = cipher.opener(key, iv);
            plaintext = new byte[plaintextLength];
            random.nextBytes(plaintext);
        }

        byte[] seal(long sequence, byte[] aad) {
            ByteBuffer out = ByteBuffer.allocate(plaintext.length + cipher.overhead());
            sealer.seal(sequence, ByteBuffer.wrap(aad), ByteBuffer.wrap(plaintext), out);
            return out.array();
        }

        /** Opening must fail, leaving every byte and the position of the output buffer as they were. */
        void assertRejected(long sequence, byte[] aad, byte[] record) {
            byte[] outBytes = new byte[plaintext.length + 64];
            Arrays.fill(outBytes, UNTOUCHED);
            ByteBuffer out = ByteBuffer.wrap(outBytes).position(3);

            assertThatThrownBy(() -> opener.open(sequence, ByteBuffer.wrap(aad), ByteBuffer.wrap(record), out))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessage("authentication failed");
            assertThat(out.position()).isEqualTo(3);
            assertThat(outBytes).containsOnly(UNTOUCHED);
        }
    }
}
