package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.InnerRecord;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.LabeledHkdf;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.record.RecordReader;
import org.parley.protocol.testing.InsecureRecordSealer;

/**
 * Fuzzes {@link RecordReader#open} with a sequence of ENCRYPTED frames under a fuzzer-chosen
 * cipher. Each frame is either arbitrary bytes (a forgery, which must be rejected) or an
 * arbitrary inner plaintext correctly sealed under the reader's key at a fuzzer-chosen sequence
 * number (by {@link InsecureRecordSealer}), so the checks after decryption (no inner type,
 * unknown type, oversize content, too much padding, replay) are reached too. The reader accepts
 * batch records or not, as the fuzzer chooses: without, type 6 is an unknown type.
 *
 * <p>Oracle: only ParleyException escapes; a forgery never opens; a record sealed at the
 * expected sequence number opens exactly when its inner plaintext is well formed, and then yields
 * the content the independent model below predicts.
 */
class RecordReaderFuzzTest {
    private static final byte[] TRAFFIC_SECRET = new byte[32];

    @FuzzTest(maxDuration = "10s")
    void openRejectsForgeriesAndMalformedPlaintextsOnlyWithParleyExceptions(FuzzedDataProvider data) {
        RecordCipherAlgorithm algorithm = data.pickValue(RecordCipherAlgorithm.values());
        RecordCipher cipher = algorithm.create();
        LabeledHkdf hkdf = new LabeledHkdf(HashAlgorithm.SHA256.create());
        RecordReader reader = new RecordReader(hkdf, cipher, SecretBytes.copyOf(TRAFFIC_SECRET), RecordLimits.defaults());
        boolean batches = data.consumeBoolean();
        reader.acceptBatches(batches);
        try {
            openAll(data, hkdf, cipher, reader, batches);
        } finally {
            reader.destroy();
        }
    }

    private static void openAll(FuzzedDataProvider data, LabeledHkdf hkdf, RecordCipher cipher, RecordReader reader,
            boolean batches) {
        long expectedSequence = 0;
        int records = data.consumeInt(1, 8);
        for (int i = 0; i < records; i++) {
            boolean forged = data.consumeBoolean();
            Frame candidate;
            Optional<InnerRecord> expected;
            if (forged) {
                candidate = new Frame(data.pickValue(FrameType.values()),
                        Bytes.copyOf(data.consumeBytes(data.consumeInt(0, Frame.MAX_PAYLOAD))));
                expected = Optional.empty();
            } else {
                long sequence = data.consumeBoolean() ? expectedSequence : data.consumeLong(0, 16);
                byte[] inner = filledTo(data.consumeInt(0, Frame.MAX_PAYLOAD - cipher.overhead()), data.consumeByte(),
                        data.consumeBytes(data.consumeInt(0, 64)));
                candidate = new InsecureRecordSealer(hkdf, cipher, TRAFFIC_SECRET).seal(sequence, inner);
                expected = sequence == expectedSequence ? model(inner, batches) : Optional.empty();
            }
            Frame frame = candidate;
            InnerRecord[] opened = new InnerRecord[1];
            ParleyException rejection = ParleyOnly.run(() -> opened[0] = reader.open(frame));
            assertThat(Optional.ofNullable(opened[0])).isEqualTo(expected);
            if (rejection != null) {
                return; // a channel treats the first record error as fatal; so does this target
            }
            expectedSequence++;
        }
    }

    /**
     * {@code size} bytes of {@code fill} ending in {@code tail} (where the inner type and padding
     * live). Lets a short fuzz input describe a long record: libFuzzer inputs stay under 4 KiB,
     * records go up to 16.5 KiB, and content over the 16 KiB limit must be reached too.
     */
    private static byte[] filledTo(int size, byte fill, byte[] tail) {
        byte[] inner = new byte[Math.max(size, tail.length)];
        Arrays.fill(inner, fill);
        System.arraycopy(tail, 0, inner, inner.length - tail.length, tail.length);
        return inner;
    }

    /** What a correct reader must return for an authentic inner plaintext, written independently. */
    private static Optional<InnerRecord> model(byte[] inner, boolean batches) {
        int typeIndex = inner.length - 1;
        while (typeIndex >= 0 && inner[typeIndex] == 0) {
            typeIndex--;
        }
        if (typeIndex < 0 || typeIndex > RecordLimits.MAX_RECORD_CONTENT
                || inner.length - 1 - typeIndex > RecordLimits.MAX_PADDING) {
            return Optional.empty();
        }
        Bytes content = Bytes.copyOf(inner, 0, typeIndex);
        return InnerType.fromCode(inner[typeIndex] & 0xff)
                .filter(type -> type != InnerType.APPLICATION_BATCH || batches)
                .map(type -> new InnerRecord(type, content));
    }
}
