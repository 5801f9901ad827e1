package org.parley.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.alert.WireFormatException;

/** The batch record's content layout and the record layer's handling of type 6 (docs/PROTOCOL.md, Section 10.5.1). */
class BatchRecordsTest {
    private static final byte[] TRAFFIC_SECRET = Bytes.utf8("batch records test secret, 32 b.").toByteArray();

    private static Bytes filled(int length) {
        return Bytes.wrapOwned(new byte[length]);
    }

    @Test
    void splitReturnsEveryEntryInOrderEmptyOnesIncluded() throws ParleyException {
        Bytes content = Bytes.fromHex("0002" + "6869" + "0000" + "0003" + "e4bda0");

        assertThat(BatchRecords.split(content, 1024)).containsExactly(Bytes.utf8("hi"), Bytes.empty(), Bytes.utf8("你"));
    }

    @Test
    void emptyContentIsRejectedAsADecodeError() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> BatchRecords.split(Bytes.empty(), 1024));

        assertThat(e.alert()).isEqualTo(Alert.DECODE_ERROR);
    }

    @Test
    void anEntryLongerThanTheBytesLeftIsRejectedAsADecodeError() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> BatchRecords.split(Bytes.fromHex("0001" + "61" + "0002" + "62"), 1024));

        assertThat(e.alert()).isEqualTo(Alert.DECODE_ERROR);
    }

    @Test
    void anEntryLargerThanTheMaximumMessageSizeIsARecordOverflowEvenIfItFits() {
        RecordException e = assertThrows(RecordException.class,
                () -> BatchRecords.split(Bytes.fromHex("0003" + "616263"), 2));

        assertThat(e.alert()).isEqualTo(Alert.RECORD_OVERFLOW);
    }

    @Test
    void anEntryThatIsBothTooLargeAndRunsPastTheRecordIsADecodeErrorAsTheSpecOrdersTheChecks() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> BatchRecords.split(Bytes.fromHex("0009" + "616263"), 2));

        assertThat(e.alert()).isEqualTo(Alert.DECODE_ERROR);
    }

    @Test
    void aRunEndsBeforeTheMessageThatWouldOverfillTheRecord() {
        int half = RecordLimits.MAX_RECORD_CONTENT / 2 - BatchRecords.ENTRY_OVERHEAD;
        List<Bytes> messages = List.of(filled(half), filled(half), filled(0));

        assertThat(BatchRecords.runEnd(messages, 0)).isEqualTo(2);
        assertThat(BatchRecords.contentLength(messages, 0, 2)).isEqualTo(RecordLimits.MAX_RECORD_CONTENT);
        assertThat(BatchRecords.runEnd(messages, 2)).isEqualTo(3);
    }

    @Test
    void aMessageTooLargeForAnEntryIsARunOfItsOwn() {
        List<Bytes> messages = List.of(filled(1), filled(BatchRecords.MAX_ENTRY + 1), filled(1), filled(BatchRecords.MAX_ENTRY));

        assertThat(BatchRecords.runEnd(messages, 0)).isEqualTo(1);
        assertThat(BatchRecords.runEnd(messages, 1)).isEqualTo(2);
        assertThat(BatchRecords.runEnd(messages, 2)).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(RecordCipherAlgorithm.class)
    void aSealedBatchOpensToItsEntriesOnlyForAReaderThatAcceptsBatches(RecordCipherAlgorithm algorithm) throws ParleyException {
        List<Bytes> messages = List.of(Bytes.utf8("one"), Bytes.empty(), filled(3000), Bytes.utf8("four"));
        RecordWriter writer = writer(algorithm.create(), RecordLimits.defaults().withPaddingBlock(64));
        ByteBuffer out = ByteBuffer.allocate(writer.frameLength(BatchRecords.contentLength(messages, 0, 4)));
        writer.sealBatchInto(messages, 0, 4, out);
        Frame frame = new Frame(FrameType.ENCRYPTED, Bytes.copyOf(out.flip().position(Frame.HEADER_LENGTH)));

        RecordReader accepting = reader(algorithm.create());
        accepting.acceptBatches(true);
        InnerRecord opened = accepting.open(frame);
        RecordException refused = assertThrows(RecordException.class, () -> reader(algorithm.create()).open(frame));

        assertThat(opened.type()).isEqualTo(InnerType.APPLICATION_BATCH);
        assertThat(BatchRecords.split(opened.content(), 1024 * 1024)).containsExactlyElementsOf(messages);
        assertThat(refused.alert()).isEqualTo(Alert.BAD_RECORD);
    }

    @Test
    void theWriterRefusesAMessageTooLargeForAnEntryAndWritesNothing() {
        RecordWriter writer = writer(RecordCipherAlgorithm.values()[0].create(), RecordLimits.defaults());
        ByteBuffer out = ByteBuffer.allocate(2 * RecordLimits.MAX_RECORD_CONTENT);

        assertThrows(IllegalArgumentException.class,
                () -> writer.sealBatchInto(List.of(filled(1), filled(BatchRecords.MAX_ENTRY + 1)), 0, 2, out));

        assertThat(out.position()).isZero();
        assertThat(writer.sequence()).isZero();
    }

    private static RecordWriter writer(RecordCipher cipher, RecordLimits limits) {
        return new RecordWriter(hkdf(), cipher, SecretBytes.copyOf(TRAFFIC_SECRET), limits);
    }

    private static RecordReader reader(RecordCipher cipher) {
        return new RecordReader(hkdf(), cipher, SecretBytes.copyOf(TRAFFIC_SECRET), RecordLimits.defaults());
    }

    private static LabeledHkdf hkdf() {
        return new LabeledHkdf(HashAlgorithm.SHA256.create());
    }
}
