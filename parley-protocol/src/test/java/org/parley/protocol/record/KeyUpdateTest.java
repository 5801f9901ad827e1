package org.parley.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyUpdateTest {
    private Connections connections;

    @BeforeAll
    void makeServerKeys() {
        connections = new Connections(TestCredentials.forAlgorithms("key-update-test", SignatureComponent.ED25519));
    }

    @Test
    void updatesTheSendingKeyAutomaticallyAfterTheConfiguredNumberOfRecords() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(),
                RecordLimits.defaults().withKeyUpdateAfter(4, Long.MAX_VALUE), "auto records");

        for (int i = 0; i < 20; i++) {
            pair.client().send(Bytes.utf8("message " + i));
        }
        pair.pump();

        assertThat(ChannelPair.messages(pair.serverEvents())).hasSize(20).last().isEqualTo(Bytes.utf8("message 19"));
        assertThat(pair.client().keyUpdatesSent()).isEqualTo(6);
        assertThat(pair.server().keyUpdatesReceived()).isEqualTo(6);
    }

    @Test
    void updatesTheSendingKeyAutomaticallyAfterTheConfiguredNumberOfBytes() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(),
                RecordLimits.defaults().withKeyUpdateAfter(1L << 20, 1000), "auto bytes");

        for (int i = 0; i < 5; i++) {
            pair.client().send(Bytes.wrapOwned(new byte[999]));
        }
        pair.pump();

        assertThat(ChannelPair.messages(pair.serverEvents())).hasSize(5);
        assertThat(pair.client().keyUpdatesSent()).isEqualTo(2);
    }

    @Test
    void requestedUpdateRatchetsBothDirections() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), "requested");

        pair.client().requestKeyUpdate();
        pair.pump();
        pair.client().send(Bytes.utf8("after update"));
        pair.server().send(Bytes.utf8("after update too"));
        pair.pump();

        assertThat(pair.client().keyUpdatesSent()).isEqualTo(1);
        assertThat(pair.server().keyUpdatesSent()).isEqualTo(1);
        assertThat(pair.serverEvents()).contains(new ChannelEvent.PeerKeyUpdated(true));
        assertThat(pair.clientEvents()).contains(new ChannelEvent.PeerKeyUpdated(false));
        assertThat(ChannelPair.messages(pair.serverEvents())).containsExactly(Bytes.utf8("after update"));
        assertThat(ChannelPair.messages(pair.clientEvents())).containsExactly(Bytes.utf8("after update too"));
    }

    @Test
    void rejectsRecordReplayedAfterRekey() throws ParleyException {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), "replay rekey");
        pair.client().send(Bytes.utf8("old key"));
        Bytes oldRecord = pair.client().drainOutbound().getFirst();
        pair.server().receive(ByteBuffer.wrap(oldRecord.toByteArray()));
        pair.client().requestKeyUpdate();
        for (Bytes frame : pair.client().drainOutbound()) {
            pair.server().receive(ByteBuffer.wrap(frame.toByteArray()));
        }

        assertThatThrownBy(() -> pair.server().receive(ByteBuffer.wrap(oldRecord.toByteArray())))
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
    }

    @Test
    void recordsAfterAnUpdateUseADifferentKeyThanBefore() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), "different key");
        pair.client().send(Bytes.utf8("same text"));
        pair.client().requestKeyUpdate();
        pair.client().send(Bytes.utf8("same text"));

        List<Bytes> frames = pair.client().drainOutbound();

        // Both data records use sequence number 0 under their key; equal ciphertexts would mean an equal key.
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isNotEqualTo(frames.get(2));
    }

    @Test
    void aKeyUpdateDueInTheMiddleOfALongMessageDoesNotBreakIt() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(),
                RecordLimits.defaults().withKeyUpdateAfter(4, Long.MAX_VALUE), "mid message");
        byte[] body = new byte[10 * RecordLimits.MAX_RECORD_CONTENT];
        java.util.Arrays.fill(body, (byte) 7);

        pair.client().send(Bytes.wrapOwned(body));
        pair.pump();

        assertThat(pair.serverFailure()).isNull();
        assertThat(pair.client().keyUpdatesSent()).isGreaterThanOrEqualTo(3);
        assertThat(ChannelPair.messages(pair.serverEvents())).containsExactly(Bytes.wrapOwned(body));
    }
}
