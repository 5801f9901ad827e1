package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.testing.ChannelPair;

/**
 * {@link SecureChannel#receive(ByteBuffer, ChannelReceiver)}: every message and event that
 * {@link SecureChannel#receive(ByteBuffer)} reports, in the same order, from records opened into one
 * reused array that is wiped after each record, and the same failures.
 */
class ChannelReceiverTest {

    /** Copies what it is handed: messages as {@link ChannelEvent.MessageReceived}, so both paths compare as lists. */
    private static final class Recording implements ChannelReceiver {
        final List<ChannelEvent> events = new ArrayList<>();
        final List<byte[]> arraysSeen = new ArrayList<>();

        @Override
        public void message(byte[] array, int offset, int length) {
            events.add(new ChannelEvent.MessageReceived(Bytes.copyOf(array, offset, length)));
            if (arraysSeen.stream().noneMatch(seen -> seen == array)) {
                arraysSeen.add(array);
            }
        }

        @Override
        public void event(ChannelEvent event) {
            events.add(event);
        }
    }

    /** Batch records, plain records, a fragmented message, a key update and a close_notify, as one stream. */
    private static byte[] stream(BatchChannels channels) {
        ByteBuffer wire = ByteBuffer.allocate(200_000);
        for (List<Bytes> messages : List.of(BatchChannels.numberedMessages(8, 100), List.of(Bytes.utf8("plain")), BatchChannels.numberedMessages(5, 300),
                List.of(BatchChannels.numberedMessages(1, 40_000).getFirst()), BatchChannels.numberedMessages(3, 20))) {
            ByteBuffer out = ByteBuffer.allocate(channels.server().sendBound(messages));
            channels.server().send(messages, out);
            wire.put(out.flip());
        }
        channels.server().requestKeyUpdate();
        channels.server().send(Bytes.utf8("after the key update"));
        channels.server().close();
        for (Bytes frame : channels.server().drainOutbound()) {
            wire.put(frame.asReadOnlyBuffer());
        }
        return Arrays.copyOf(wire.array(), wire.position());
    }

    @Test
    void aReceiverIsHandedEveryMessageAndEventTheEventListHoldsInTheSameOrderWhereverTheStreamIsSplit()
            throws ParleyException {
        for (int chunk : new int[] {1, 3, 97, 1000, 4096, 200_000}) {
            BatchChannels listing = BatchChannels.acceptingBatches("same seed " + chunk);
            BatchChannels receiving = BatchChannels.acceptingBatches("same seed " + chunk);
            byte[] input = stream(listing);
            List<ChannelEvent> expected = new ArrayList<>();
            Recording recording = new Recording();
            for (int at = 0; at < input.length; at += chunk) {
                int length = Math.min(chunk, input.length - at);
                expected.addAll(listing.client().receive(ByteBuffer.wrap(input, at, length)));
                receiving.client().receive(ByteBuffer.wrap(input, at, length), recording);
            }

            assertThat(recording.events).as("chunks of %d bytes", chunk).containsExactlyElementsOf(expected);
            assertThat(expected).hasSize(8 + 1 + 5 + 1 + 3 + 2 + 1);
            assertThat(receiving.client().state()).isEqualTo(SecureChannel.State.CLOSED);
            assertThat(receiving.client().batchRecordsReceived()).isEqualTo(listing.client().batchRecordsReceived());
            assertThat(receiving.client().keyUpdatesReceived()).isEqualTo(1);
        }
    }

    @Test
    void theArrayAMessageWasReadFromIsWipedOnceTheRecordIsDone() throws ParleyException {
        BatchChannels channels = BatchChannels.acceptingBatches("wiped");
        ByteBuffer out = ByteBuffer.allocate(channels.server().sendBound(BatchChannels.numberedMessages(8, 100)));
        channels.server().send(BatchChannels.numberedMessages(8, 100), out);
        Recording recording = new Recording();

        channels.client().receive(out.flip(), recording);

        assertThat(ChannelPair.messages(recording.events)).containsExactlyElementsOf(BatchChannels.numberedMessages(8, 100));
        assertThat(recording.arraysSeen).singleElement().satisfies(array -> assertThat(array).containsOnly(0));
    }

    @Test
    void aTamperedRecordFailsTheChannelWithBadRecordAndHandsOnNoMessage() {
        BatchChannels channels = BatchChannels.acceptingBatches("tampered");
        ByteBuffer out = ByteBuffer.allocate(channels.server().sendBound(BatchChannels.numberedMessages(8, 100)));
        channels.server().send(BatchChannels.numberedMessages(8, 100), out);
        out.flip();
        out.put(out.limit() - 20, (byte) (out.get(out.limit() - 20) ^ 0x10));
        Recording recording = new Recording();

        RecordException e = assertThrows(RecordException.class, () -> channels.client().receive(out, recording));

        assertThat(e.alert()).isEqualTo(Alert.BAD_RECORD);
        assertThat(recording.events).isEmpty();
        assertThat(channels.client().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void aMalformedBatchRecordFailsAsADecodeErrorAndHandsOnNoneOfItsMessages() {
        BatchChannels channels = BatchChannels.acceptingBatches("malformed");
        Bytes frame = channels.evilServer().seal(InnerType.APPLICATION_BATCH, Bytes.fromHex("0003" + "616263" + "0005" + "6162"));
        Recording recording = new Recording();

        WireFormatException e = assertThrows(WireFormatException.class,
                () -> channels.client().receive(frame.asReadOnlyBuffer(), recording));

        assertThat(e.alert()).isEqualTo(Alert.DECODE_ERROR);
        assertThat(recording.events).isEmpty();
        assertThat(channels.client().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void aMessageOverTheReceiversMaximumSizeIsARecordOverflowAsInTheEventList() {
        BatchChannels channels = new BatchChannels(RecordLimits.defaults().withMaxMessageSize(8), RecordLimits.defaults(),
                "too large");
        Bytes frame = channels.evilServer().seal(InnerType.APPLICATION_FINAL, Bytes.utf8("nine byte"));
        Recording recording = new Recording();

        RecordException e = assertThrows(RecordException.class, () -> channels.client().receive(frame.asReadOnlyBuffer(), recording));

        assertThat(e.alert()).isEqualTo(Alert.RECORD_OVERFLOW);
        assertThat(recording.events).isEmpty();
    }

    @Test
    void whatTheReceiverThrowsFailsTheChannelAndLeavesReceiveWithIt() {
        BatchChannels channels = BatchChannels.acceptingBatches("receiver throws");
        ByteBuffer out = ByteBuffer.allocate(channels.server().sendBound(BatchChannels.numberedMessages(3, 10)));
        channels.server().send(BatchChannels.numberedMessages(3, 10), out);
        WireFormatException refusal = new WireFormatException("the layer above refused it");
        ChannelReceiver refusing = new ChannelReceiver() {
            @Override
            public void message(byte[] array, int offset, int length) throws ParleyException {
                throw refusal;
            }

            @Override
            public void event(ChannelEvent event) {
            }
        };

        WireFormatException e = assertThrows(WireFormatException.class, () -> channels.client().receive(out.flip(), refusing));

        assertThat(e).isSameAs(refusal);
        assertThat(channels.client().state()).isEqualTo(SecureChannel.State.FAILED);
    }
}
