package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.record.BatchRecords;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.record.RecordWriter;

/**
 * Batch records between channels (docs/PROTOCOL.md, Section 10.5.1): what the sender makes of a
 * list of messages, and every receiver rule with its alert.
 */
class BatchRecordChannelTest {

    private static Bytes message(int length, int fill) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Bytes.wrapOwned(bytes);
    }

    @Test
    void aClientThatAcceptsBatchesGetsConsecutiveMessagesInOneRecordInOrder() throws ParleyException {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), "one record");
        channels.client().acceptBatchRecords();
        List<Bytes> messages = List.of(Bytes.utf8("first"), Bytes.empty(), Bytes.utf8("第三"));

        List<Bytes> frames = channels.serverSendsBatched(messages);

        assertThat(channels.innerTypes(frames)).containsExactly(InnerType.APPLICATION_BATCH);
        assertThat(channels.clientReceives(frames)).containsExactlyElementsOf(messages);
    }

    @Test
    void aLoneMessageGoesAsAPlainRecord() throws ParleyException {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), "lone");
        channels.client().acceptBatchRecords();

        List<Bytes> frames = channels.serverSendsBatched(List.of(Bytes.utf8("alone")));

        assertThat(channels.innerTypes(frames)).containsExactly(InnerType.APPLICATION_FINAL);
        assertThat(channels.clientReceives(frames)).containsExactly(Bytes.utf8("alone"));
    }

    @Test
    void aMessageTooLargeForAnEntryGoesAloneFragmentedBetweenBatches() throws ParleyException {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), "mixed");
        channels.client().acceptBatchRecords();
        List<Bytes> messages = List.of(message(10, 1), message(20, 2), message(BatchRecords.MAX_ENTRY + 1, 3),
                message(30, 4), message(40, 5), message(20_000, 6), message(7, 7));

        List<Bytes> frames = channels.serverSendsBatched(messages);

        assertThat(channels.innerTypes(frames)).containsExactly(InnerType.APPLICATION_BATCH,
                InnerType.APPLICATION_FINAL, InnerType.APPLICATION_BATCH,
                InnerType.APPLICATION_CONTINUED, InnerType.APPLICATION_FINAL, InnerType.APPLICATION_FINAL);
        assertThat(channels.clientReceives(frames)).containsExactlyElementsOf(messages);
    }

    @Test
    void entriesThatFillARecordExactlyShareItAndTheNextMessageStartsANewOne() throws ParleyException {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), "full");
        channels.client().acceptBatchRecords();
        int half = RecordLimits.MAX_RECORD_CONTENT / 2 - BatchRecords.ENTRY_OVERHEAD;
        List<Bytes> messages = List.of(message(half, 1), message(half, 2), message(0, 3), message(0, 4));

        List<Bytes> frames = channels.serverSendsBatched(messages);

        assertThat(channels.innerTypes(frames)).containsExactly(InnerType.APPLICATION_BATCH, InnerType.APPLICATION_BATCH);
        assertThat(channels.clientReceives(frames)).containsExactlyElementsOf(messages);
    }

    @Test
    void theKeyBudgetCountsBatchRecordsAndKeyUpdatesFallBetweenThem() throws ParleyException {
        RecordLimits smallBudget = RecordLimits.defaults().withKeyUpdateAfter(3, 1L << 34);
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), smallBudget, "rekey");
        channels.client().acceptBatchRecords();
        List<Bytes> messages = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            messages.add(message(RecordLimits.MAX_RECORD_CONTENT / 3, i));
        }

        List<Bytes> frames = channels.serverSendsBatched(messages);

        assertThat(channels.innerTypes(frames)).containsExactly(
                InnerType.APPLICATION_BATCH, InnerType.APPLICATION_BATCH, InnerType.KEY_UPDATE,
                InnerType.APPLICATION_BATCH, InnerType.APPLICATION_BATCH, InnerType.KEY_UPDATE,
                InnerType.APPLICATION_BATCH, InnerType.APPLICATION_BATCH);
        assertThat(channels.clientReceives(frames)).containsExactlyElementsOf(messages);
        assertThat(channels.client().keyUpdatesReceived()).isEqualTo(2);
    }

    @Test
    void aBufferOfTheSendBoundHoldsEveryRecordEvenWithPaddingAndFragments() throws ParleyException {
        RecordLimits padded = RecordLimits.defaults().withPaddingBlock(256);
        BatchChannels channels = new BatchChannels(padded, padded, "bound");
        channels.client().acceptBatchRecords();
        List<Bytes> messages = new ArrayList<>(Collections.nCopies(40, message(1, 1)));
        messages.add(message(40_000, 2));
        messages.add(message(0, 3));
        ByteBuffer out = ByteBuffer.allocate(channels.server().sendBound(messages));

        // The sealing itself checks the room left before each record: an underestimated bound throws here.
        channels.server().send(messages, out);
        out.flip();

        assertThat(channels.clientReceives(BatchChannels.frames(out))).containsExactlyElementsOf(messages);
    }

    @Test
    void aClientThatDidNotOptInFailsABatchRecordWithBadRecord() {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), "no opt-in");
        List<Bytes> frames = channels.serverSendsBatched(List.of(Bytes.utf8("a"), Bytes.utf8("b")));

        ParleyException failure = assertThrows(ParleyException.class, () -> channels.clientReceives(frames));

        assertThat(failure.alert()).isEqualTo(Alert.BAD_RECORD);
        assertThat(channels.client().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void aServerNeverAcceptsBatchRecordsFromAClient() {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), "server side");
        ByteBuffer out = ByteBuffer.allocate(channels.client().sendBound(List.of(Bytes.utf8("x"), Bytes.utf8("y"))));
        channels.client().send(List.of(Bytes.utf8("x"), Bytes.utf8("y")), out);
        out.flip();

        ParleyException failure = assertThrows(ParleyException.class, () -> channels.server().receive(out));

        assertThat(failure.alert()).isEqualTo(Alert.BAD_RECORD);
    }

    @Test
    void anEmptyBatchRecordIsADecodeError() {
        assertThat(evilBatchAlert(Bytes.empty())).isEqualTo(Alert.DECODE_ERROR);
    }

    @Test
    void anEntryRunningPastTheRecordIsADecodeError() {
        assertThat(evilBatchAlert(Bytes.fromHex("0003" + "616263" + "0005" + "6162"))).isEqualTo(Alert.DECODE_ERROR);
    }

    @Test
    void aLengthCutInHalfAtTheEndIsADecodeError() {
        assertThat(evilBatchAlert(Bytes.fromHex("0001" + "61" + "00"))).isEqualTo(Alert.DECODE_ERROR);
    }

    @Test
    void anEntryOverTheReceiversMaximumMessageSizeIsARecordOverflow() throws ParleyException {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults().withMaxMessageSize(8), RecordLimits.defaults(),
                "overflow");
        channels.client().acceptBatchRecords();
        RecordWriter evil = channels.evilServer();
        Bytes frame = evil.seal(InnerType.APPLICATION_BATCH, Bytes.fromHex("0008" + "00".repeat(8) + "0009" + "00".repeat(9)));

        ParleyException failure = assertThrows(ParleyException.class, () -> channels.clientReceives(List.of(frame)));

        assertThat(failure.alert()).isEqualTo(Alert.RECORD_OVERFLOW);
    }

    @Test
    void aBatchRecordInsideAFragmentedMessageIsAnUnexpectedMessage() {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), "inside");
        channels.client().acceptBatchRecords();
        RecordWriter evil = channels.evilServer();
        Bytes first = evil.seal(InnerType.APPLICATION_CONTINUED, Bytes.utf8("half a message"));
        Bytes batch = evil.seal(InnerType.APPLICATION_BATCH, Bytes.fromHex("0001" + "61"));

        ParleyException failure = assertThrows(ParleyException.class, () -> channels.clientReceives(List.of(first, batch)));

        assertThat(failure.alert()).isEqualTo(Alert.UNEXPECTED_MESSAGE);
    }

    @Test
    void aBatchRecordOfOneEntryIsAccepted() throws ParleyException {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), "one entry");
        channels.client().acceptBatchRecords();
        Bytes frame = channels.evilServer().seal(InnerType.APPLICATION_BATCH, Bytes.fromHex("0002" + "6869"));

        assertThat(channels.clientReceives(List.of(frame))).containsExactly(Bytes.utf8("hi"));
    }

    /** The alert a client that opted in fails with on a batch record of {@code content}. */
    private static Alert evilBatchAlert(Bytes content) {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults(), RecordLimits.defaults(), "evil " + content.toHex());
        channels.client().acceptBatchRecords();
        Bytes frame = channels.evilServer().seal(InnerType.APPLICATION_BATCH, content);
        ParleyException failure = assertThrows(ParleyException.class, () -> channels.clientReceives(List.of(frame)));
        assertThat(channels.client().state()).isEqualTo(SecureChannel.State.FAILED);
        return failure.alert();
    }
}
