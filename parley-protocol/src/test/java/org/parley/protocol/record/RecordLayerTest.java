package org.parley.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.RecordException;
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

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordLayerTest {
    private Connections connections;

    @BeforeAll
    void makeServerKeys() {
        connections = new Connections(TestCredentials.forAlgorithms("record-test", SignatureComponent.ED25519));
    }

    private ChannelPair established(String seed) {
        return connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), seed);
    }

    private static List<ChannelEvent> receive(SecureChannel channel, Bytes frame) throws ParleyException {
        return channel.receive(ByteBuffer.wrap(frame.toByteArray()));
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() {
        ChannelPair pair = established("confidential");
        Bytes secret = Bytes.utf8("the launch code is 0000, 发射代码");

        pair.client().send(secret);
        Bytes frame = pair.client().drainOutbound().getFirst();

        assertThat(frame.toHex()).doesNotContain(secret.toHex().substring(0, 16));
        assertThat(frame.length()).isEqualTo(Frame.HEADER_LENGTH + secret.length() + 1 + 16);
    }

    @ParameterizedTest
    @EnumSource(CipherComponent.class)
    void messagesOfEverySizeUpToSeveralRecordsArriveIntactUnderEveryCipher(CipherComponent cipher) throws ParleyException {
        CipherSuite suite = new CipherSuite(KeyExchangeComponent.X25519, SignatureComponent.ED25519, cipher, HashComponent.SHA256);
        ChannelPair pair = connections.established(SuitePreferences.only(suite), RecordLimits.defaults(), "sizes " + cipher);
        int[] sizes = {0, 1, 255, 16383, 16384, 16385, 40000, 100_000};

        for (int size : sizes) {
            byte[] body = new byte[size];
            for (int i = 0; i < size; i++) {
                body[i] = (byte) (i * 31 + size);
            }
            pair.client().send(Bytes.wrapOwned(body));
        }
        pair.pump();

        assertThat(ChannelPair.messages(pair.serverEvents())).extracting(Bytes::length).containsExactly(0, 1, 255, 16383, 16384, 16385, 40000, 100_000);
        assertThat(ChannelPair.messages(pair.serverEvents()).get(6).get(39999)).isEqualTo((byte) (39999 * 31 + 40000));
    }

    @Test
    void rejectsRecordWithAFlippedBit() throws ParleyException {
        ChannelPair pair = established("flip");
        pair.client().send(Bytes.utf8("hello"));
        byte[] frame = pair.client().drainOutbound().getFirst().toByteArray();

        for (int bit = 0; bit < (frame.length - Frame.HEADER_LENGTH) * 8; bit += 7) {
            ChannelPair fresh = established("flip");
            fresh.client().send(Bytes.utf8("hello"));
            byte[] tampered = fresh.client().drainOutbound().getFirst().toByteArray();
            tampered[Frame.HEADER_LENGTH + bit / 8] ^= (byte) (1 << (bit % 8));

            assertThatThrownBy(() -> receive(fresh.server(), Bytes.wrapOwned(tampered)))
                    .isInstanceOf(RecordException.class)
                    .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
            assertThat(fresh.server().state()).isEqualTo(SecureChannel.State.FAILED);
        }
        assertThat(receive(pair.server(), Bytes.wrapOwned(frame))).hasSize(1);
    }

    @Test
    void rejectsRecordWithATamperedHeader() {
        ChannelPair pair = established("header");
        pair.client().send(Bytes.utf8("hello"));
        byte[] frame = pair.client().drainOutbound().getFirst().toByteArray();
        byte[] longer = new byte[frame.length + 1];
        System.arraycopy(frame, 0, longer, 0, frame.length);
        longer[2]++;

        assertThatThrownBy(() -> receive(pair.server(), Bytes.wrapOwned(longer)))
                .isInstanceOf(RecordException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
    }

    @Test
    void rejectsReplayedRecord() throws ParleyException {
        ChannelPair pair = established("replay");
        pair.client().send(Bytes.utf8("transfer 10 coins"));
        Bytes frame = pair.client().drainOutbound().getFirst();
        receive(pair.server(), frame);

        assertThatThrownBy(() -> receive(pair.server(), frame))
                .isInstanceOf(RecordException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
    }

    @Test
    void rejectsReorderedRecord() {
        ChannelPair pair = established("reorder");
        pair.client().send(Bytes.utf8("first"));
        pair.client().send(Bytes.utf8("second"));
        List<Bytes> frames = pair.client().drainOutbound();

        assertThatThrownBy(() -> receive(pair.server(), frames.get(1)))
                .isInstanceOf(RecordException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
    }

    @Test
    void rejectsDroppedRecord() throws ParleyException {
        ChannelPair pair = established("drop");
        pair.client().send(Bytes.utf8("first"));
        pair.client().send(Bytes.utf8("second"));
        pair.client().send(Bytes.utf8("third"));
        List<Bytes> frames = pair.client().drainOutbound();
        receive(pair.server(), frames.get(0));

        assertThatThrownBy(() -> receive(pair.server(), frames.get(2)))
                .isInstanceOf(RecordException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
    }

    @Test
    void rejectsRecordReflectedBackToItsSender() {
        ChannelPair pair = established("reflect");
        pair.client().send(Bytes.utf8("echo me"));
        Bytes frame = pair.client().drainOutbound().getFirst();

        assertThatThrownBy(() -> receive(pair.client(), frame))
                .isInstanceOf(RecordException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
    }

    @Test
    void detectsTruncation() throws ParleyException {
        ChannelPair pair = established("truncate");
        pair.client().send(Bytes.utf8("part one"));
        receive(pair.server(), pair.client().drainOutbound().getFirst());

        assertThatThrownBy(() -> pair.server().endOfInput())
                .isInstanceOf(RecordException.class)
                .hasMessageContaining("truncation");
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void authenticatedCloseEndsTheChannelCleanly() throws ParleyException {
        ChannelPair pair = established("close");
        pair.client().send(Bytes.utf8("bye"));
        pair.client().close();
        pair.pump();

        pair.server().endOfInput();

        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.CLOSED);
        assertThat(pair.serverEvents()).last().isInstanceOf(ChannelEvent.PeerClosed.class);
        assertThat(ChannelPair.messages(pair.serverEvents())).containsExactly(Bytes.utf8("bye"));
    }

    @Test
    void everyRecordFailureIsReportedWithTheSameAlert() {
        ChannelPair pair = established("uniform");
        pair.client().send(Bytes.utf8("x"));
        byte[] frame = pair.client().drainOutbound().getFirst().toByteArray();
        byte[] badTag = frame.clone();
        badTag[badTag.length - 1] ^= 1;
        byte[] tooShort = {(byte) FrameType.ENCRYPTED.code(), 0, 4, 1, 2, 3, 4};

        for (byte[] bad : List.of(badTag, tooShort)) {
            ChannelPair fresh = established("uniform");
            fresh.client().send(Bytes.utf8("x"));
            fresh.client().drainOutbound();
            assertThatThrownBy(() -> receive(fresh.server(), Bytes.wrapOwned(bad)))
                    .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.BAD_RECORD);
            assertThat(fresh.server().drainOutbound()).as("one alert is queued").hasSize(1);
        }
    }

    @Test
    void paddingHidesMessageLengthsWithinABlock() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults().withPaddingBlock(256), "padding");

        pair.client().send(Bytes.utf8("y"));
        pair.client().send(Bytes.utf8("a much longer message that is still under one block of padding"));
        List<Bytes> frames = pair.client().drainOutbound();

        assertThat(frames.get(0).length()).isEqualTo(frames.get(1).length()).isEqualTo(Frame.HEADER_LENGTH + 256 + 16);
    }

    @Test
    void rejectsMessageLargerThanTheReceiversLimitBeforeBufferingIt() throws ParleyException {
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(),
                RecordLimits.defaults(), RecordLimits.defaults().withMaxMessageSize(20_000), "overflow").pump();
        pair.client().send(Bytes.wrapOwned(new byte[30_000]));
        List<Bytes> frames = pair.client().drainOutbound();

        receive(pair.server(), frames.get(0));

        assertThat(frames).hasSize(2);
        assertThatThrownBy(() -> receive(pair.server(), frames.get(1)))
                .isInstanceOf(RecordException.class)
                .extracting(e -> ((ParleyException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW);
    }
}
