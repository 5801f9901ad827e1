package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.RecordWriter;

/**
 * An empty {@code application_continued} record still opens a fragmented message
 * (docs/PROTOCOL.md, Sections 10.5, 10.5.1 and 10.8): the message is incomplete until an
 * {@code application_final} arrives, so a batch record or a close_notify after it is refused
 * exactly as after a non-empty fragment, on both receive paths.
 */
class EmptyFragmentTest {

    @Test
    void aBatchRecordAfterAnEmptyContinuedFragmentIsAnUnexpectedMessage() {
        BatchChannels channels = BatchChannels.acceptingBatches("empty continued, batch");
        RecordWriter evil = channels.evilServer();
        List<Bytes> frames = List.of(evil.seal(InnerType.APPLICATION_CONTINUED, Bytes.empty()),
                evil.seal(InnerType.APPLICATION_BATCH, Bytes.fromHex("0001" + "61")));

        ParleyException failure = assertThrows(ParleyException.class, () -> channels.clientReceives(frames));

        assertThat(failure.alert()).isEqualTo(Alert.UNEXPECTED_MESSAGE);
        assertThat(channels.client().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void aBatchRecordAfterAnEmptyContinuedFragmentIsRefusedWhenReadInPlaceToo() {
        BatchChannels channels = BatchChannels.acceptingBatches("empty continued, batch, in place");
        RecordWriter evil = channels.evilServer();
        Bytes wire = Bytes.concat(evil.seal(InnerType.APPLICATION_CONTINUED, Bytes.empty()),
                evil.seal(InnerType.APPLICATION_BATCH, Bytes.fromHex("0001" + "61")));
        Recording receiver = new Recording();

        ParleyException failure = assertThrows(ParleyException.class,
                () -> channels.client().receive(wire.asReadOnlyBuffer(), receiver));

        assertThat(failure.alert()).isEqualTo(Alert.UNEXPECTED_MESSAGE);
        assertThat(receiver.messages).isEmpty();
    }

    @Test
    void aCloseNotifyAfterAnEmptyContinuedFragmentIsATruncation() {
        BatchChannels channels = BatchChannels.acceptingBatches("empty continued, close");
        RecordWriter evil = channels.evilServer();
        List<Bytes> frames = List.of(evil.seal(InnerType.APPLICATION_CONTINUED, Bytes.empty()),
                evil.seal(InnerType.ALERT, Bytes.fromHex("00")));

        ParleyException failure = assertThrows(ParleyException.class, () -> channels.clientReceives(frames));

        assertThat(failure.alert()).isEqualTo(Alert.BAD_RECORD);
        assertThat(channels.client().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void anEmptyContinuedFragmentThenAFinalOneIsOneMessage() throws ParleyException {
        BatchChannels channels = BatchChannels.acceptingBatches("empty continued, final");
        RecordWriter evil = channels.evilServer();
        List<Bytes> frames = List.of(evil.seal(InnerType.APPLICATION_CONTINUED, Bytes.empty()),
                evil.seal(InnerType.APPLICATION_FINAL, Bytes.utf8("whole")),
                evil.seal(InnerType.APPLICATION_BATCH, Bytes.fromHex("0001" + "61" + "0000")));

        assertThat(channels.clientReceives(frames)).containsExactly(Bytes.utf8("whole"), Bytes.utf8("a"), Bytes.empty());
    }

    /** Keeps copies of the messages it is handed. */
    private static final class Recording implements ChannelReceiver {
        final List<Bytes> messages = new ArrayList<>();

        @Override
        public void message(byte[] array, int offset, int length) {
            messages.add(Bytes.copyOf(array, offset, length));
        }

        @Override
        public void event(ChannelEvent event) {
            // not needed here
        }
    }
}
