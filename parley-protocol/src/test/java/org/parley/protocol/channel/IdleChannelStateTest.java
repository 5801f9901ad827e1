package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;

/**
 * What an established channel keeps while it is idle (issue 13, heap per idle connection): the
 * handshake state machine, its transcript and its handshake keys are dropped once the channel is
 * established or has failed, and no message buffer outlives its message.
 */
class IdleChannelStateTest {
    private final Connections connections = new Connections(TestCredentials.all("idle-channel-state"));

    @Test
    void bothSidesDropTheirHandshakeOnceEstablished() {
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(), RecordLimits.defaults(), "drop");
        assertThat(pair.server().holdsHandshake()).isTrue();
        assertThat(pair.client().holdsHandshake()).isTrue();

        pair.pump();

        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(pair.server().holdsHandshake()).isFalse();
        assertThat(pair.client().holdsHandshake()).isFalse();
    }

    @Test
    void aServerKeepsItsHandshakeStepsOnlyInTheCompletionEvent() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), "steps");

        assertThat(pair.serverEvents()).first().isInstanceOfSatisfying(ChannelEvent.HandshakeCompleted.class,
                completed -> assertThat(completed.session().steps()).hasSize(6));
        assertThat(pair.server().session().orElseThrow().steps()).isEmpty();
        assertThat(pair.server().session().orElseThrow().channelBinding())
                .isEqualTo(pair.client().session().orElseThrow().channelBinding());
        assertThat(pair.client().session().orElseThrow().steps()).hasSize(6);
    }

    @Test
    void anEstablishedChannelStillCarriesMessagesAndKeyUpdatesWithoutItsHandshake() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), "still works");

        pair.client().send(Bytes.utf8("before"));
        pair.client().requestKeyUpdate();
        pair.client().send(Bytes.utf8("after"));
        pair.pump();

        assertThat(ChannelPair.messages(pair.serverEvents())).containsExactly(Bytes.utf8("before"), Bytes.utf8("after"));
        assertThat(pair.server().keyUpdatesReceived()).isEqualTo(1);
        assertThat(pair.client().keyUpdatesReceived()).isEqualTo(1);
    }

    @Test
    void aServerWhoseHandshakeFailedDropsItAfterQueueingTheAlert() {
        AtomicInteger batches = new AtomicInteger();
        // The ClientHello goes through; the client's Finished arrives with a broken tag.
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(), RecordLimits.defaults(), "fail")
                .tamperToServer(frames -> batches.getAndIncrement() == 0 ? frames
                        : frames.stream().map(IdleChannelStateTest::flipLastByte).toList());

        pair.pump();

        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(pair.server().holdsHandshake()).isFalse();
        assertThat(pair.serverFailure()).isNotNull();
    }

    @Test
    void aSingleRecordMessageIsPassedThroughAndLeavesNoBuffer() throws RecordException {
        MessageAssembler assembler = new MessageAssembler(1024);
        Bytes record = Bytes.utf8("one record");

        Bytes message = assembler.finish(record);

        assertThat(message).isEqualTo(record);
        assertThat(assembler.bufferCapacity()).isZero();
        assertThat(assembler.isEmpty()).isTrue();
    }

    @Test
    void aFragmentedMessageIsJoinedAndItsBufferDroppedAfterwards() throws RecordException {
        MessageAssembler assembler = new MessageAssembler(1024);
        assembler.append(Bytes.utf8("first, "));
        assembler.append(Bytes.utf8("second, "));
        assertThat(assembler.bufferCapacity()).isPositive();

        Bytes message = assembler.finish(Bytes.utf8("last"));

        assertThat(message).isEqualTo(Bytes.utf8("first, second, last"));
        assertThat(assembler.bufferCapacity()).isZero();
        assertThat(assembler.isEmpty()).isTrue();
    }

    @Test
    void aSingleRecordMessageOverTheMaximumIsStillRefused() {
        MessageAssembler assembler = new MessageAssembler(8);

        RecordException e = assertThrows(RecordException.class, () -> assembler.finish(Bytes.utf8("nine bytes")));

        assertThat(e.alert()).isEqualTo(Alert.RECORD_OVERFLOW);
    }

    @Test
    void aFragmentedMessageOverTheMaximumIsRefusedAtItsLastFragment() throws RecordException {
        MessageAssembler assembler = new MessageAssembler(8);
        assembler.append(Bytes.utf8("12345"));

        RecordException e = assertThrows(RecordException.class, () -> assembler.finish(Bytes.utf8("6789")));

        assertThat(e.alert()).isEqualTo(Alert.RECORD_OVERFLOW);
    }

    private static Bytes flipLastByte(Bytes frame) {
        byte[] bytes = frame.toByteArray();
        bytes[bytes.length - 1] ^= 1;
        return Bytes.wrapOwned(bytes);
    }
}
