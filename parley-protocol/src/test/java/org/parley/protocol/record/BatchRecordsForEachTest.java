package org.parley.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.RecordException;

/**
 * The copy-free readers of the record layer: {@link BatchRecords#forEach} against {@link BatchRecords#split},
 * {@link RecordReader#openInto} against {@link RecordReader#open}.
 */
class BatchRecordsForEachTest {
    private static final byte[] TRAFFIC_SECRET = Bytes.utf8("batch records test secret, 32 b.").toByteArray();

    /** What forEach handed on (copied), or the exception it threw with what it had handed on before. */
    private record Outcome(List<Bytes> messages, Class<?> failure, Object alert) {
    }

    private static Outcome forEach(byte[] array, int offset, int length, int max) {
        List<Bytes> messages = new ArrayList<>();
        try {
            BatchRecords.forEach(array, offset, length, max, (a, o, l) -> messages.add(Bytes.copyOf(a, o, l)));
            return new Outcome(messages, null, null);
        } catch (ParleyException e) {
            return new Outcome(messages, e.getClass(), e.alert());
        }
    }

    private static Outcome split(Bytes content, int max) {
        try {
            return new Outcome(BatchRecords.split(content, max), null, null);
        } catch (ParleyException e) {
            return new Outcome(List.of(), e.getClass(), e.alert());
        }
    }

    @Test
    void forEachHandsOnEveryEntryInOrderEmptyOnesIncludedWhereItLies() {
        byte[] array = Bytes.fromHex("ffff" + "0002" + "6869" + "0000" + "0003" + "e4bda0" + "ffff").toByteArray();

        assertThat(forEach(array, 2, array.length - 4, 1024).messages())
                .containsExactly(Bytes.utf8("hi"), Bytes.empty(), Bytes.utf8("你"));
    }

    @Test
    void forEachAcceptsAndRefusesExactlyWhatSplitDoesAndHandsOnNothingFromAMalformedBatch() {
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            byte[] content = new byte[random.nextInt(24)];
            random.nextBytes(content);
            if (random.nextBoolean() && content.length >= 2) { // mostly plausible lengths, so valid batches occur
                content[0] = 0;
                content[1] = (byte) random.nextInt(content.length);
            }
            int max = random.nextInt(12);
            byte[] framed = new byte[content.length + 6];
            System.arraycopy(content, 0, framed, 3, content.length);

            Outcome expected = split(Bytes.copyOf(content), max);
            Outcome actual = forEach(framed, 3, content.length, max);

            assertThat(actual).as("content %s, max %d", Bytes.copyOf(content).toHex(), max).isEqualTo(expected);
        }
    }

    @Test
    void openIntoOpensTheSameRecordAsOpenIntoTheCallersArray() throws ParleyException {
        for (RecordCipherAlgorithm algorithm : RecordCipherAlgorithm.values()) {
            List<Bytes> messages = List.of(Bytes.utf8("one"), Bytes.empty(), Bytes.wrapOwned(new byte[700]), Bytes.utf8("四"));
            ByteBuffer sealed = sealBatch(algorithm, messages);
            RecordReader opening = reader(algorithm);
            RecordReader openingInto = reader(algorithm);
            byte[] plain = new byte[openingInto.plaintextLength(sealed.remaining())];

            InnerRecord opened = opening.open(FrameType.ENCRYPTED, sealed.duplicate());
            int length = openingInto.openInto(FrameType.ENCRYPTED, sealed.duplicate(), plain);

            assertThat(openingInto.openedType()).as("%s", algorithm).isEqualTo(opened.type());
            assertThat(Bytes.copyOf(plain, 0, length)).as("%s", algorithm).isEqualTo(opened.content());
        }
    }

    @Test
    void openIntoRejectsATamperedRecordAndLeavesNoPlaintextInTheArray() {
        for (RecordCipherAlgorithm algorithm : RecordCipherAlgorithm.values()) {
            ByteBuffer sealed = sealBatch(algorithm, List.of(Bytes.utf8("secret one"), Bytes.utf8("secret two")));
            sealed.put(sealed.limit() - 1, (byte) (sealed.get(sealed.limit() - 1) ^ 1));
            RecordReader reader = reader(algorithm);
            byte[] plain = new byte[reader.plaintextLength(sealed.remaining())];

            RecordException e = assertThrows(RecordException.class, () -> reader.openInto(FrameType.ENCRYPTED, sealed, plain));

            assertThat(e.getMessage()).isEqualTo("record authentication failed");
            assertThat(plain).as("%s", algorithm).containsOnly(0);
        }
    }

    @Test
    void openIntoRefusesAnArrayTooSmallForThePlaintext() {
        ByteBuffer sealed = sealBatch(RecordCipherAlgorithm.values()[0], List.of(Bytes.utf8("a"), Bytes.utf8("b")));
        RecordReader reader = reader(RecordCipherAlgorithm.values()[0]);
        byte[] small = new byte[reader.plaintextLength(sealed.remaining()) - 1];

        assertThrows(IllegalArgumentException.class, () -> reader.openInto(FrameType.ENCRYPTED, sealed, small));
        assertThat(small).containsOnly(0);
    }

    /** A batch record of {@code messages}, its frame's payload. */
    private static ByteBuffer sealBatch(RecordCipherAlgorithm algorithm, List<Bytes> messages) {
        RecordWriter writer = new RecordWriter(hkdf(), algorithm.create(), SecretBytes.copyOf(TRAFFIC_SECRET),
                RecordLimits.defaults().withPaddingBlock(64));
        ByteBuffer out = ByteBuffer.allocate(writer.frameLength(BatchRecords.contentLength(messages, 0, messages.size())));
        writer.sealBatchInto(messages, 0, messages.size(), out);
        return ByteBuffer.wrap(Arrays.copyOfRange(out.array(), Frame.HEADER_LENGTH, out.position()));
    }

    private static RecordReader reader(RecordCipherAlgorithm algorithm) {
        RecordReader reader = new RecordReader(hkdf(), algorithm.create(), SecretBytes.copyOf(TRAFFIC_SECRET),
                RecordLimits.defaults());
        reader.acceptBatches(true);
        return reader;
    }

    private static LabeledHkdf hkdf() {
        return new LabeledHkdf(HashAlgorithm.SHA256.create());
    }
}
