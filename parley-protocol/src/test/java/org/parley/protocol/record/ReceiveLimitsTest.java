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
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;

/**
 * The receiver enforces the per-key record limit (docs/PROTOCOL.md, Sections 10.2 and 10.6). The
 * server's limit is lowered to a handful of records so that no test sends 2^23 of them; the
 * client's sending budget stays at its default, so it never updates its key on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiveLimitsTest {
    private static final int LIMIT = 5;

    private Connections connections;

    @BeforeAll
    void makeServerKeys() {
        connections = new Connections(TestCredentials.forAlgorithms("receive-limits-test", SignatureComponent.ED25519));
    }

    private ChannelPair establishedWithServerLimit(RecordLimits clientLimits, String seed) {
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(), clientLimits,
                RecordLimits.defaults().withRecordsReceivedPerKey(LIMIT), seed).pump();
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        return pair;
    }

    private static void receive(SecureChannel channel, Bytes frame) throws ParleyException {
        channel.receive(ByteBuffer.wrap(frame.toByteArray()));
    }

    @Test
    void aPeerThatKeepsSendingWithoutAKeyUpdateIsRejectedExactlyAtTheRecordAfterTheLimit() throws ParleyException {
        ChannelPair pair = establishedWithServerLimit(RecordLimits.defaults(), "past the limit");
        for (int i = 0; i <= LIMIT; i++) {
            pair.client().send(Bytes.utf8("message " + i));
        }
        List<Bytes> frames = pair.client().drainOutbound();
        for (Bytes frame : frames.subList(0, LIMIT)) {
            receive(pair.server(), frame);
        }

        assertThat(frames).hasSize(LIMIT + 1);
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThatThrownBy(() -> receive(pair.server(), frames.get(LIMIT)))
                .isInstanceOf(RecordException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(pair.server().drainOutbound()).as("one bad_record alert is queued").hasSize(1);
    }

    @Test
    void aKeyUpdateAsTheLastRecordUnderTheLimitKeepsTheConnectionAlive() {
        ChannelPair pair = establishedWithServerLimit(RecordLimits.defaults(), "update just in time");
        for (int i = 0; i < LIMIT - 1; i++) {
            pair.client().send(Bytes.utf8("before " + i));
        }
        pair.client().requestKeyUpdate();
        for (int i = 0; i < LIMIT; i++) {
            pair.client().send(Bytes.utf8("after " + i));
        }

        pair.pump();

        assertThat(pair.serverFailure()).isNull();
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(pair.server().keyUpdatesReceived()).isEqualTo(1);
        assertThat(ChannelPair.messages(pair.serverEvents())).hasSize(2 * LIMIT - 1).last().isEqualTo(Bytes.utf8("after 4"));
    }

    @Test
    void aKeyUpdateOneRecordTooLateIsRejectedLikeAnyOtherRecord() throws ParleyException {
        ChannelPair pair = establishedWithServerLimit(RecordLimits.defaults(), "update too late");
        for (int i = 0; i < LIMIT; i++) {
            pair.client().send(Bytes.utf8("message " + i));
        }
        pair.client().requestKeyUpdate();
        List<Bytes> frames = pair.client().drainOutbound();
        for (Bytes frame : frames.subList(0, LIMIT)) {
            receive(pair.server(), frame);
        }

        assertThatThrownBy(() -> receive(pair.server(), frames.get(LIMIT)))
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
        assertThat(pair.server().keyUpdatesReceived()).isZero();
    }

    @Test
    void aSenderWhoseBudgetEqualsTheReceiversLimitIsNeverRejected() {
        ChannelPair pair = establishedWithServerLimit(RecordLimits.defaults().withKeyUpdateAfter(LIMIT, Long.MAX_VALUE),
                "equal budgets");
        byte[] longMessage = new byte[3 * RecordLimits.MAX_RECORD_CONTENT];
        for (int i = 0; i < 4 * LIMIT; i++) {
            pair.client().send(Bytes.utf8("message " + i));
        }
        pair.client().send(Bytes.wrapOwned(longMessage));

        pair.pump();

        assertThat(pair.serverFailure()).isNull();
        assertThat(pair.server().keyUpdatesReceived()).isGreaterThanOrEqualTo(5);
        assertThat(ChannelPair.messages(pair.serverEvents())).hasSize(4 * LIMIT + 1);
    }

    @Test
    void theReceivingLimitCannotExceedTheProtocolsHardCap() {
        assertThatThrownBy(() -> RecordLimits.defaults().withRecordsReceivedPerKey(RecordLimits.MAX_RECORDS_PER_KEY + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RecordLimits.defaults().recordsReceivedPerKey()).isEqualTo(RecordLimits.MAX_RECORDS_PER_KEY);
    }
}
