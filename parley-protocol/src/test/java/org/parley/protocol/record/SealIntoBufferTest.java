package org.parley.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.suite.CipherComponent;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.HashComponent;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;

/** {@link SecureChannel#send(Bytes, ByteBuffer)}: sealing straight into a transport's buffer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealIntoBufferTest {
    private Connections connections;

    @BeforeAll
    void makeServerKeys() {
        connections = new Connections(TestCredentials.forAlgorithms("seal-into-test", SignatureComponent.ED25519));
    }

    private ChannelPair established(RecordLimits limits, String seed) {
        return connections.established(Preset.MODERN.preferences(), limits, seed);
    }

    /** Sends every message into one buffer, as the server's coalesced writes do, and returns the bytes written. */
    private static byte[] sendInto(SecureChannel channel, List<Bytes> messages) {
        ByteBuffer out = ByteBuffer.allocate(1 << 22);
        for (Bytes message : messages) {
            int before = out.position();
            int bound = channel.sendBound(message.length());
            channel.send(message, out);
            assertThat(out.position() - before).isLessThanOrEqualTo(bound);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static List<Bytes> received(SecureChannel receiver, byte[] wire) throws ParleyException {
        return ChannelPair.messages(receiver.receive(ByteBuffer.wrap(wire)));
    }

    private static List<Bytes> texts(int count, int size) {
        List<Bytes> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) ('a' + i % 26));
            messages.add(Bytes.wrapOwned(body));
        }
        return messages;
    }

    @Test
    void framesSealedIntoABufferAreByteForByteTheFramesTheChannelWouldHaveQueued() {
        ChannelPair queued = established(RecordLimits.defaults().withPaddingBlock(32), "same keys");
        ChannelPair direct = established(RecordLimits.defaults().withPaddingBlock(32), "same keys");
        List<Bytes> messages = List.of(Bytes.utf8("hello"), Bytes.utf8("你好，世界"), Bytes.wrapOwned(new byte[40_000]), Bytes.empty());

        messages.forEach(queued.client()::send);
        byte[] expected = Bytes.concat(queued.client().drainOutbound().toArray(Bytes[]::new)).toByteArray();
        byte[] actual = sendInto(direct.client(), messages);

        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(CipherComponent.class)
    void messagesOfEverySizeSealedIntoABufferArriveIntactUnderEveryCipher(CipherComponent cipher) throws ParleyException {
        CipherSuite suite = new CipherSuite(KeyExchangeComponent.X25519, SignatureComponent.ED25519, cipher, HashComponent.SHA256);
        ChannelPair pair = connections.established(SuitePreferences.only(suite), RecordLimits.defaults(), "into " + cipher);
        List<Bytes> messages = new ArrayList<>();
        for (int size : new int[] {0, 1, 100, 2047, 2048, 16383, 16384, 16385, 40_000}) {
            messages.addAll(texts(1, size));
        }

        byte[] wire = sendInto(pair.client(), messages);

        assertThat(received(pair.server(), wire)).containsExactlyElementsOf(messages);
    }

    @Test
    void paddingAfterALongerRecordIsZerosAgainSoTheReceiverFindsTheInnerType() throws ParleyException {
        ChannelPair pair = established(RecordLimits.defaults().withPaddingBlock(256), "padding");
        List<Bytes> messages = List.of(texts(1, 1500).getFirst(), Bytes.utf8("short"), texts(1, 700).getFirst(), Bytes.utf8("x"));

        byte[] wire = sendInto(pair.client(), messages);

        assertThat(received(pair.server(), wire)).containsExactlyElementsOf(messages);
    }

    @Test
    void framesTheChannelAlreadyQueuedAreWrittenFirst() throws ParleyException {
        ChannelPair pair = established(RecordLimits.defaults(), "queued first");
        // Queues a KeyUpdate sealed under the old key and ratchets: the message below is under the new key.
        pair.client().requestKeyUpdate();

        byte[] wire = sendInto(pair.client(), List.of(Bytes.utf8("after the update")));

        assertThat(pair.client().drainOutbound()).isEmpty();
        List<ChannelEvent> events = pair.server().receive(ByteBuffer.wrap(wire));
        assertThat(ChannelPair.messages(events)).containsExactly(Bytes.utf8("after the update"));
        assertThat(pair.server().keyUpdatesReceived()).isEqualTo(1);
    }

    @Test
    void aKeyUpdateFallingDueIsSealedIntoTheBufferBetweenRecords() throws ParleyException {
        ChannelPair pair = established(RecordLimits.defaults().withKeyUpdateAfter(4, Long.MAX_VALUE), "due");
        List<Bytes> messages = new ArrayList<>(texts(20, 50));
        messages.add(Bytes.wrapOwned(new byte[10 * RecordLimits.MAX_RECORD_CONTENT]));

        byte[] wire = sendInto(pair.client(), messages);

        assertThat(received(pair.server(), wire)).containsExactlyElementsOf(messages);
        assertThat(pair.client().keyUpdatesSent()).isGreaterThanOrEqualTo(8);
        assertThat(pair.server().keyUpdatesReceived()).isEqualTo(pair.client().keyUpdatesSent());
    }

    @Test
    void aBufferTooSmallIsRefusedWithoutWritingOrUsingASequenceNumber() throws ParleyException {
        ChannelPair pair = established(RecordLimits.defaults(), "too small");
        Bytes message = Bytes.utf8("does not fit");
        ByteBuffer small = ByteBuffer.allocate(pair.client().sendBound(message.length()) - 1);

        assertThatThrownBy(() -> pair.client().send(message, small)).isInstanceOf(IllegalArgumentException.class);

        assertThat(small.position()).isZero();
        byte[] wire = sendInto(pair.client(), List.of(message));
        assertThat(received(pair.server(), wire)).containsExactly(message);
    }

    @Test
    void aMessageOverTheLimitIsRefusedBeforeAnyRoomIsReserved() {
        ChannelPair pair = established(RecordLimits.defaults().withMaxMessageSize(1024), "limit");

        assertThatThrownBy(() -> pair.client().sendBound(1025)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChannelStillHandshakingRefusesToSealIntoABuffer() {
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(), RecordLimits.defaults(), "early");

        assertThatThrownBy(() -> pair.client().send(Bytes.utf8("too early"), ByteBuffer.allocate(1024)))
                .isInstanceOf(IllegalStateException.class);
    }
}
