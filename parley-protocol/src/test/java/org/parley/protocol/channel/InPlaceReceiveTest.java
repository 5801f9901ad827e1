package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.testing.ChannelPair;

/**
 * Records that arrive whole are opened where they lie in the input, and the messages they carry are
 * views into each record's own plaintext: neither the caller's reuse of its input buffer nor the
 * records that follow may change a message already delivered.
 */
class InPlaceReceiveTest {

    /** Two batch records, two plain records and a fragmented message, as one stream of bytes. */
    private static byte[] stream(BatchChannels channels, List<Bytes> first, List<Bytes> second) {
        ByteBuffer wire = ByteBuffer.allocate(200_000);
        for (List<Bytes> messages : List.of(first, List.of(Bytes.utf8("plain")), second,
                List.of(BatchChannels.numberedMessages(1, 40_000).getFirst()))) {
            ByteBuffer out = ByteBuffer.allocate(channels.server().sendBound(messages));
            channels.server().send(messages, out);
            wire.put(out.flip());
        }
        return Arrays.copyOf(wire.array(), wire.position());
    }

    private static List<Bytes> expected(List<Bytes> first, List<Bytes> second) {
        List<Bytes> expected = new ArrayList<>(first);
        expected.add(Bytes.utf8("plain"));
        expected.addAll(second);
        expected.add(BatchChannels.numberedMessages(1, 40_000).getFirst());
        return expected;
    }

    @Test
    void messagesFromManyRecordsInOneReadSurviveTheInputBufferBeingOverwritten() throws ParleyException {
        BatchChannels channels = BatchChannels.acceptingBatches("overwritten input");
        List<Bytes> first = BatchChannels.numberedMessages(8, 100);
        List<Bytes> second = BatchChannels.numberedMessages(5, 300);
        byte[] input = stream(channels, first, second);

        List<ChannelEvent> events = channels.client().receive(ByteBuffer.wrap(input));
        Arrays.fill(input, (byte) 0x5a);

        assertThat(ChannelPair.messages(events)).containsExactlyElementsOf(expected(first, second));
        assertThat(channels.client().batchRecordsReceived()).isEqualTo(2);
    }

    @Test
    void deliversTheSameMessagesWhereverTheTransportSplitsTheStream() throws ParleyException {
        List<Bytes> first = BatchChannels.numberedMessages(8, 100);
        List<Bytes> second = BatchChannels.numberedMessages(3, 700);
        for (int chunk : new int[] {1, 2, 3, 97, 1000, 4096, 20_000}) {
            BatchChannels channels = BatchChannels.acceptingBatches("chunk " + chunk);
            byte[] input = stream(channels, first, second);
            List<ChannelEvent> events = new ArrayList<>();
            byte[] reused = new byte[chunk];
            for (int at = 0; at < input.length; at += chunk) {
                int length = Math.min(chunk, input.length - at);
                System.arraycopy(input, at, reused, 0, length);
                events.addAll(channels.client().receive(ByteBuffer.wrap(reused, 0, length)));
                Arrays.fill(reused, (byte) 0x5a); // as a transport reusing its read buffer would
            }

            assertThat(ChannelPair.messages(events)).as("chunks of %d bytes", chunk)
                    .containsExactlyElementsOf(expected(first, second));
        }
    }

    @Test
    void opensRecordsFromADirectBuffer() throws ParleyException {
        BatchChannels channels = BatchChannels.acceptingBatches("direct");
        List<Bytes> first = BatchChannels.numberedMessages(8, 100);
        List<Bytes> second = BatchChannels.numberedMessages(2, 50);
        byte[] input = stream(channels, first, second);
        ByteBuffer direct = ByteBuffer.allocateDirect(input.length).put(input).flip();

        List<ChannelEvent> events = channels.client().receive(direct);

        assertThat(ChannelPair.messages(events)).containsExactlyElementsOf(expected(first, second));
        assertThat(direct.hasRemaining()).isFalse();
    }
}
