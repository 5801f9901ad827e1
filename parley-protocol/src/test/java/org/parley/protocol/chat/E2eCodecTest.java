package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireWriter;

/**
 * The end-to-end messages (docs/PROTOCOL.md, Section 14.8) at their maxima, the documented sizes,
 * and every count and length above its maximum refused before allocation.
 */
class E2eCodecTest {
    private static final String LONG_NAME = "名".repeat(21) + "x"; // 64 UTF-8 bytes

    @Test
    void largestEnvelopeSendRoundTripsAndHasTheDocumentedSize() throws WireFormatException {
        Bytes envelope = filled(ChatLimits.MAX_ENVELOPE_BYTES, 0x7e);
        List<EnvelopeTarget> targets = Collections.nCopies(ChatLimits.MAX_ENVELOPES_PER_SEND,
                new EnvelopeTarget(LONG_NAME, 0xffff_ffffL, envelope));
        ChatRequest send = new ChatRequest.SendEnvelopes(0xffff_ffffL, LONG_NAME, targets);

        Bytes encoded = ChatCodec.encode(send);

        assertThat(encoded.length()).isEqualTo(390_541);
        assertThat(ChatCodec.decodeRequest(encoded)).isEqualTo(send);
    }

    @Test
    void largestUploadRoundTripsAndStaysNearFiftyKilobytes() throws WireFormatException {
        ChatRequest upload = new ChatRequest.UploadPrekeys(1, Optional.of(ChatSamples.SIGNED_PREKEY),
                Collections.nCopies(ChatLimits.MAX_ONE_TIME_X25519_PER_UPLOAD, ChatSamples.ONE_TIME),
                Collections.nCopies(ChatLimits.MAX_ONE_TIME_KEM_PER_UPLOAD, ChatSamples.ONE_TIME_KEM),
                Optional.of(ChatSamples.LAST_RESORT));

        Bytes encoded = ChatCodec.encode(upload);

        assertThat(encoded.length()).isEqualTo(1 + 4 + 1 + 103 + 2 + 100 * 103 + 2 + 40 * 1255 + 1 + 1255);
        assertThat(ChatCodec.decodeRequest(encoded)).isEqualTo(upload);
    }

    @Test
    void listsAtTheirMaximaRoundTrip() throws WireFormatException {
        Bytes identity = filled(ChatLimits.MAX_IDENTITY_BYTES, 0x11);
        List<ChatEvent> events = List.of(
                new ChatEvent.DeviceList(1, LONG_NAME, Collections.nCopies(ChatLimits.MAX_DEVICES,
                        new DeviceInfo(0xffff_ffffL, identity, LONG_NAME, Long.MAX_VALUE, Long.MIN_VALUE))),
                new ChatEvent.BundleList(2, LONG_NAME, Collections.nCopies(ChatLimits.MAX_DEVICES, new PrekeyBundle(1,
                        identity, ChatSamples.SIGNED_PREKEY, Optional.of(ChatSamples.ONE_TIME), ChatSamples.LAST_RESORT))),
                new ChatEvent.DeviceMismatch(3, LONG_NAME, Collections.nCopies(ChatLimits.MAX_DEVICES, 1L),
                        Collections.nCopies(ChatLimits.MAX_DEVICES, 0xffff_ffffL)),
                new ChatEvent.EnvelopeBatch(Collections.nCopies(ChatLimits.MAX_ENVELOPES_PER_BATCH,
                        new QueuedEnvelope(Long.MAX_VALUE, LONG_NAME, 1, 0, Bytes.fromHex("00"))), false),
                new ChatEvent.EnvelopePage(4, Collections.nCopies(ChatLimits.MAX_ENVELOPES_PER_BATCH,
                        new QueuedEnvelope(Long.MAX_VALUE, LONG_NAME, 1, 0, Bytes.fromHex("00"))), true),
                new ChatEvent.PrekeyCounts(5, Integer.MAX_VALUE, Integer.MAX_VALUE));
        ChatRequest ack = new ChatRequest.AckEnvelopes(6, Collections.nCopies(ChatLimits.MAX_ACK_IDS, Long.MAX_VALUE));

        for (ChatEvent event : events) {
            assertThat(ChatCodec.decodeEvent(ChatCodec.encode(event))).isEqualTo(event);
        }
        assertThat(ChatCodec.decodeRequest(ChatCodec.encode(ack))).isEqualTo(ack);
    }

    @Test
    void bindDeviceHasTheDocumentedLayout() {
        Bytes encoded = ChatCodec.encode(new ChatRequest.BindDevice(7, 2, ChatSamples.PROOF));

        assertThat(encoded.toHex()).isEqualTo("14" + "00000007" + "00000002" + "9f".repeat(64));
    }

    @Test
    void envelopeCountAboveTheMaximumIsRejectedBeforeAllocation() {
        Bytes message = message(out -> out.u8(26).u32(1).vector8(Bytes.utf8("bob")).u16(ChatLimits.MAX_ENVELOPES_PER_SEND + 1));

        assertRejected(message, true, Alert.RECORD_OVERFLOW);
    }

    @Test
    void envelopeDeclaredAboveItsMaximumIsRejectedBeforeAllocation() {
        Bytes message = message(out -> out.u8(26).u32(1).vector8(Bytes.utf8("bob")).u16(1).vector8(Bytes.utf8("bob"))
                .u32(1).u16(ChatLimits.MAX_ENVELOPE_BYTES + 1));

        assertRejected(message, true, Alert.RECORD_OVERFLOW);
    }

    @Test
    void sendWithoutEnvelopesIsRejected() {
        Bytes message = message(out -> out.u8(26).u32(1).vector8(Bytes.utf8("bob")).u16(0));

        assertRejected(message, true, Alert.DECODE_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {ChatLimits.MIN_IDENTITY_BYTES - 1, ChatLimits.MAX_IDENTITY_BYTES + 1})
    void identityOutsideItsRangeIsRejected(int length) {
        Bytes message = message(out -> out.u8(19).u32(1).vector16(filled(length, 1)));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {ChatLimits.MIN_PREKEY_RECORD_BYTES - 1, ChatLimits.MAX_PREKEY_RECORD_BYTES + 1})
    void prekeyRecordOutsideItsRangeIsRejected(int length) {
        Bytes message = message(out -> out.u8(23).u32(1).u8(1).vector16(filled(length, 1)));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void oneTimePrekeyCountsAboveTheirMaximaAreRejectedBeforeAllocation() {
        Bytes x25519 = message(out -> out.u8(23).u32(1).u8(0).u16(ChatLimits.MAX_ONE_TIME_X25519_PER_UPLOAD + 1));
        Bytes kem = message(out -> out.u8(23).u32(1).u8(0).u16(0).u16(ChatLimits.MAX_ONE_TIME_KEM_PER_UPLOAD + 1));

        assertRejected(x25519, true, Alert.RECORD_OVERFLOW);
        assertRejected(kem, true, Alert.RECORD_OVERFLOW);
    }

    @Test
    void deviceIdZeroIsRejected() {
        assertRejected(message(out -> out.u8(22).u32(1).u32(0)), true, Alert.ILLEGAL_PARAMETER);
        assertRejected(message(out -> out.u8(83).vector8(Bytes.utf8("bob")).u32(0).u8(1)), false, Alert.ILLEGAL_PARAMETER);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, ChatLimits.MAX_ACK_IDS + 1})
    void acknowledgementOfNoneOrTooManyIdsIsRejected(int count) {
        assertThatThrownBy(() -> ChatCodec.decodeRequest(message(out -> out.u8(28).u32(1).u16(count))))
                .isInstanceOf(WireFormatException.class);
    }

    @Test
    void deviceListAboveTheDeviceMaximumIsRejectedBeforeAllocation() {
        Bytes message = message(out -> out.u8(78).u32(1).vector8(Bytes.utf8("bob")).u16(ChatLimits.MAX_DEVICES + 1));

        assertRejected(message, false, Alert.RECORD_OVERFLOW);
    }

    @Test
    void unknownDeviceChangeIsRejected() {
        Bytes message = message(out -> out.u8(83).vector8(Bytes.utf8("bob")).u32(1).u8(3));

        assertRejected(message, false, Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void encoderRefusesWhatTheWireCannotCarry() {
        Bytes tooLong = filled(ChatLimits.MAX_ENVELOPE_BYTES + 1, 0);
        List<EnvelopeTarget> tooMany = Collections.nCopies(ChatLimits.MAX_ENVELOPES_PER_SEND + 1,
                new EnvelopeTarget("bob", 1, Bytes.fromHex("00")));

        assertThatThrownBy(() -> ChatCodec.encode(new ChatRequest.SendEnvelopes(1, "bob",
                List.of(new EnvelopeTarget("bob", 1, tooLong))))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatCodec.encode(new ChatRequest.SendEnvelopes(1, "bob", tooMany)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatCodec.encode(new ChatRequest.SendEnvelopes(1, "bob", List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatCodec.encode(new ChatRequest.RemoveDevice(1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatCodec.encode(new ChatRequest.BindDevice(1, 1, Bytes.fromHex("00"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRejected(Bytes message, boolean request, Alert alert) {
        assertThatThrownBy(() -> {
            if (request) {
                ChatCodec.decodeRequest(message);
            } else {
                ChatCodec.decodeEvent(message);
            }
        }).isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.alert()).isEqualTo(alert));
    }

    private static Bytes filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return Bytes.wrapOwned(bytes);
    }

    private static Bytes message(Consumer<WireWriter> fields) {
        WireWriter out = new WireWriter();
        fields.accept(out);
        return out.toBytes();
    }
}
