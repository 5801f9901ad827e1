package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.testing.ChannelPair;

/**
 * After the peer's close_notify the channel is CLOSED and ignores anything that follows
 * (docs/PROTOCOL.md, Sections 10.7 and 10.8): bytes that are not even a valid frame header neither
 * fail the channel nor make it answer with an alert, on both receive paths.
 */
class AfterCloseNotifyTest {

    /** The client's "bye", its close_notify, then a frame header of unknown type 0xff, all in one read. */
    private static ByteBuffer byeCloseAndGarbage(BatchChannels channels) {
        channels.client().send(Bytes.utf8("bye"));
        channels.client().close();
        ByteBuffer wire = ByteBuffer.allocate(1024);
        for (Bytes frame : channels.client().drainOutbound()) {
            wire.put(frame.asReadOnlyBuffer());
        }
        wire.put(Bytes.fromHex("ff4000" + "01020304").asReadOnlyBuffer());
        return wire.flip();
    }

    @Test
    void bytesAfterCloseNotifyAreIgnoredEvenIfTheyAreNoFrame() throws ParleyException {
        BatchChannels channels = new BatchChannels(org.parley.protocol.record.RecordLimits.defaults(),
                org.parley.protocol.record.RecordLimits.defaults(), "garbage after close");

        List<ChannelEvent> events = channels.server().receive(byeCloseAndGarbage(channels));

        assertThat(ChannelPair.messages(events)).containsExactly(Bytes.utf8("bye"));
        assertThat(events).last().isInstanceOf(ChannelEvent.PeerClosed.class);
        assertThat(channels.server().state()).isEqualTo(SecureChannel.State.CLOSED);
        assertThat(channels.server().drainOutbound()).as("no alert answers a closed peer").isEmpty();
        channels.server().receive(ByteBuffer.wrap(Bytes.fromHex("ffffff").toByteArray()));
        channels.server().endOfInput();
        assertThat(channels.server().state()).isEqualTo(SecureChannel.State.CLOSED);
    }

    @Test
    void bytesAfterCloseNotifyAreIgnoredWhenReadInPlaceToo() throws ParleyException {
        BatchChannels channels = new BatchChannels(org.parley.protocol.record.RecordLimits.defaults(),
                org.parley.protocol.record.RecordLimits.defaults(), "garbage after close, in place");
        List<Object> seen = new ArrayList<>();
        ChannelReceiver receiver = new ChannelReceiver() {
            @Override
            public void message(byte[] array, int offset, int length) {
                seen.add(Bytes.copyOf(array, offset, length));
            }

            @Override
            public void event(ChannelEvent event) {
                seen.add(event);
            }
        };

        channels.server().receive(byeCloseAndGarbage(channels), receiver);

        assertThat(seen).hasSize(2).first().isEqualTo(Bytes.utf8("bye"));
        assertThat(seen.get(1)).isInstanceOf(ChannelEvent.PeerClosed.class);
        assertThat(channels.server().state()).isEqualTo(SecureChannel.State.CLOSED);
        assertThat(channels.server().drainOutbound()).isEmpty();
    }
}
