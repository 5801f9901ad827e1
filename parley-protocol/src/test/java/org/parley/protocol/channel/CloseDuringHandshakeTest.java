package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;

/**
 * {@link SecureChannel#close()} during the handshake sends nothing (there is no application key for
 * close_notify) and ends the handshake for good: its secrets are wiped, and whatever the peer sends
 * afterwards is not processed, so the channel never becomes ESTABLISHED and a client never sends its
 * Finished (docs/PROTOCOL.md 10.8).
 */
class CloseDuringHandshakeTest {
    private final Connections connections = new Connections(TestCredentials.all("close-during-handshake"));

    @Test
    void aClientClosedBeforeTheServerFlightNeverSendsItsFinishedNorBecomesEstablished() throws ParleyException {
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(), RecordLimits.defaults(), "client");
        List<ChannelEvent> serverEvents = feed(pair.server(), pair.client().drainOutbound());
        assertThat(serverEvents).isEmpty();
        List<Bytes> flight = pair.server().drainOutbound();
        assertThat(flight).isNotEmpty();

        pair.client().close();

        assertThat(pair.client().drainOutbound()).isEmpty();
        assertThat(pair.client().holdsHandshake()).isFalse();
        assertThatThrownBy(() -> feed(pair.client(), flight)).isInstanceOf(ParleyException.class);
        assertThat(pair.client().state()).isNotEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(pair.client().session()).isEmpty();
        assertThat(pair.client().drainOutbound()).isEmpty();
    }

    @Test
    void aServerClosedAfterItsFlightNeverBecomesEstablishedOnTheClientsFinished() throws ParleyException {
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(), RecordLimits.defaults(), "server");
        feed(pair.server(), pair.client().drainOutbound());
        List<ChannelEvent> clientEvents = feed(pair.client(), pair.server().drainOutbound());
        assertThat(clientEvents).hasSize(1).first().isInstanceOf(ChannelEvent.HandshakeCompleted.class);
        List<Bytes> clientFinished = pair.client().drainOutbound();

        pair.server().close();

        assertThat(pair.server().drainOutbound()).isEmpty();
        assertThat(pair.server().holdsHandshake()).isFalse();
        assertThatThrownBy(() -> feed(pair.server(), clientFinished)).isInstanceOf(ParleyException.class);
        assertThat(pair.server().state()).isNotEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(pair.server().session()).isEmpty();
        assertThat(pair.server().drainOutbound()).isEmpty();
    }

    @Test
    void closingDuringTheHandshakeIsNotReportedAsATruncationAtTheEndOfInput() throws ParleyException {
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(), RecordLimits.defaults(), "eof");
        feed(pair.server(), pair.client().drainOutbound());

        pair.server().close();

        pair.server().endOfInput();
        assertThat(pair.server().drainOutbound()).isEmpty();
    }

    private static List<ChannelEvent> feed(SecureChannel to, List<Bytes> frames) throws ParleyException {
        ByteBuffer input = ByteBuffer.allocate(frames.stream().mapToInt(Bytes::length).sum());
        frames.forEach(frame -> input.put(frame.toByteArray()));
        return to.receive(input.flip());
    }
}
