package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireWriter;

/**
 * Hostile or broken input is rejected with {@link WireFormatException} only: truncation,
 * trailing bytes, lengths and counts above their maxima (before allocation: the declared length
 * alone is refused even when the bytes are absent), invalid UTF-8, unknown codes, and flag bytes
 * other than 0 and 1.
 */
class ChatCodecRejectionTest {

    static Stream<Arguments> encodedRequests() {
        return ChatSamples.requests().stream().map(r -> Arguments.of(r.getClass().getSimpleName(), ChatCodec.encode(r)));
    }

    static Stream<Arguments> encodedEvents() {
        return ChatSamples.events().stream().map(e -> Arguments.of(e.getClass().getSimpleName(), ChatCodec.encode(e)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodedRequests")
    void everyTruncatedRequestIsRejected(String name, Bytes encoded) {
        for (int length = 0; length < encoded.length(); length++) {
            Bytes prefix = encoded.slice(0, length);
            assertThatThrownBy(() -> ChatCodec.decodeRequest(prefix)).as("prefix of %d bytes", length)
                    .isInstanceOf(WireFormatException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodedEvents")
    void everyTruncatedEventIsRejected(String name, Bytes encoded) {
        for (int length = 0; length < encoded.length(); length++) {
            Bytes prefix = encoded.slice(0, length);
            assertThatThrownBy(() -> ChatCodec.decodeEvent(prefix)).as("prefix of %d bytes", length)
                    .isInstanceOf(WireFormatException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodedRequests")
    void requestWithATrailingByteIsRejected(String name, Bytes encoded) {
        Bytes longer = Bytes.concat(encoded, Bytes.fromHex("00"));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(longer)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("trailing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodedEvents")
    void eventWithATrailingByteIsRejected(String name, Bytes encoded) {
        Bytes longer = Bytes.concat(encoded, Bytes.fromHex("00"));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(longer)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("trailing");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 41, 63, 64, 65, 77, 255})
    void unknownRequestTypeIsRejected(int code) {
        Bytes message = message(out -> out.u8(code).u32(1));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown chat request type");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 18, 28, 64, 91, 255})
    void unknownEventTypeIsRejected(int code) {
        Bytes message = message(out -> out.u8(code).u32(1));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(message)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown chat event type");
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(() -> ChatCodec.decodeRequest(Bytes.empty())).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> ChatCodec.decodeEvent(Bytes.empty())).isInstanceOf(WireFormatException.class);
    }

    @Test
    void roomNameDeclaredLongerThan64BytesIsRejectedBeforeItsBytesAreRead() {
        // JoinRoom declaring a 65-byte name followed by only three bytes: the maximum is checked first.
        Bytes message = message(out -> out.u8(1).u32(1).u8(65).fixed(Bytes.utf8("abc")));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW));
    }

    @Test
    void completeUserNameOf65BytesIsRejected() {
        Bytes name = Bytes.utf8("名".repeat(21) + "xy");
        Bytes message = message(out -> out.u8(7).u32(1).vector8(Bytes.utf8("r")).vector8(name));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW));
    }

    @Test
    void emptyRoomNameIsRejectedWhereARoomIsRequired() {
        Bytes message = message(out -> out.u8(1).u32(1).u8(0));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {ChatLimits.MAX_BODY_BYTES + 1, 0xffffff})
    void bodyDeclaredAboveTheMaximumIsRejectedBeforeAllocation(int declared) {
        Bytes message = message(out -> out.u8(12).u32(1).vector8(Bytes.utf8("r")).u8(ContentType.OPAQUE.code())
                .u24(declared));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW));
    }

    @Test
    void anAllZeroSendIdIsAnIllegalParameterAndNoSendIdCanBeMadeOfZeros() {
        Bytes once = new WireWriter().u8(ChatRequestType.SEND_ROOM_MESSAGE_ONCE.code()).u32(1)
                .fixed(Bytes.wrapOwned(new byte[SendId.LENGTH])).vector8(Bytes.utf8("r"))
                .u8(ContentType.TEXT.code()).vector24(Bytes.utf8("hi")).toBytes();

        assertThatThrownBy(() -> ChatCodec.decodeRequest(once)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.ILLEGAL_PARAMETER))
                .hasMessageContaining("send id");
        assertThatThrownBy(() -> new SendId(Bytes.wrapOwned(new byte[SendId.LENGTH])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SendId(Bytes.fromHex("01"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSendIdCutShortIsADecodeError() {
        Bytes cut = new WireWriter().u8(ChatRequestType.SEND_ENVELOPES_ONCE.code()).u32(1)
                .fixed(Bytes.fromHex("01".repeat(SendId.LENGTH - 1))).toBytes();

        assertThatThrownBy(() -> ChatCodec.decodeRequest(cut)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.DECODE_ERROR));
    }

    @Test
    void textBodyDeclaredAboveTheTextMaximumIsRejectedWhileAnOpaqueOneOfThatSizeIsAccepted() throws WireFormatException {
        Bytes body = Bytes.wrapOwned(new byte[ChatLimits.MAX_TEXT_BYTES + 1]);
        Bytes text = sendRoomMessage(ContentType.TEXT.code(), body);
        Bytes opaque = sendRoomMessage(ContentType.OPAQUE.code(), body);

        assertThatThrownBy(() -> ChatCodec.decodeRequest(text)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW));
        assertThat(ChatCodec.decodeRequest(opaque)).isInstanceOf(ChatRequest.SendRoomMessage.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c328", "c0af", "eda080", "f4908080", "ff", "e4bd", "80"})
    void invalidUtf8InATextBodyIsRejectedButCarriedAsOpaque(String hex) throws WireFormatException {
        Bytes body = Bytes.fromHex("41" + hex + "42");
        Bytes text = sendRoomMessage(ContentType.TEXT.code(), body);
        Bytes opaque = sendRoomMessage(ContentType.OPAQUE.code(), body);

        assertThatThrownBy(() -> ChatCodec.decodeRequest(text)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("UTF-8");
        assertThat(((ChatRequest.SendRoomMessage) ChatCodec.decodeRequest(opaque)).body()).isEqualTo(body);
    }

    @Test
    void invalidUtf8InAStoredTextMessageIsRejected() {
        Bytes message = message(out -> out.u8(71).vector8(Bytes.utf8("r")).u64(1).u64(0).vector8(Bytes.utf8("u"))
                .u8(ContentType.TEXT.code()).vector24(Bytes.fromHex("eda080")).u8(0));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(message)).isInstanceOf(WireFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c328", "eda080", "ff"})
    void invalidUtf8InANameIsRejected(String hex) {
        Bytes message = message(out -> out.u8(1).u32(1).vector8(Bytes.fromHex(hex)));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 0x80, 0xff})
    void booleanOtherThanZeroOrOneIsRejected(int flag) {
        Bytes roomMessage = message(out -> out.u8(71).vector8(Bytes.utf8("r")).u64(1).u64(0)
                .vector8(Bytes.utf8("u")).u8(ContentType.TEXT.code()).vector24(Bytes.utf8("hi")).u8(flag));
        Bytes historyPage = message(out -> out.u8(70).u32(1).u8(1).vector8(Bytes.utf8("r")).u16(0).u8(flag));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(roomMessage)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> ChatCodec.decodeEvent(historyPage)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("not a boolean");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 0xff})
    void optionalPresenceByteOtherThanZeroOrOneIsRejected(int flag) {
        Bytes message = message(out -> out.u8(5).u32(1).u8(flag).vector8(Bytes.utf8("r")));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void memberCountAboveTheListMaximumIsRejectedBeforeAllocation() {
        Bytes message = message(out -> out.u8(69).u32(1).u8(0).u16(ChatLimits.MAX_LIST_ENTRIES + 1));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(message)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW));
    }

    @Test
    void historyPageAboveItsMaximumIsRejectedBeforeAllocation() {
        Bytes message = message(out -> out.u8(70).u32(1).u8(1).vector8(Bytes.utf8("r"))
                .u16(ChatLimits.MAX_HISTORY_PAGE + 1));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(message)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, ChatLimits.MAX_HISTORY_PAGE + 1, 0xffff})
    void historyLimitOutsideItsRangeIsRejected(int limit) {
        Bytes message = message(out -> out.u8(14).u32(1).u8(2).vector8(Bytes.utf8("u")).u64(0).u16(limit));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 0x80, 0xff})
    void deliveryOptionsWithAnUnknownBitSetAreAnIllegalParameter(int flags) {
        Bytes message = message(out -> out.u8(36).u32(1).u8(flags));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.ILLEGAL_PARAMETER));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void deliveryOptionsWithOnlyKnownBitsDecode(int flags) throws WireFormatException {
        Bytes message = message(out -> out.u8(36).u32(7).u8(flags));

        assertThat(ChatCodec.decodeRequest(message)).isEqualTo(new ChatRequest.SetDeliveryOptions(7, flags));
    }

    @Test
    void messageIdWithTheTopBitSetIsRejected() {
        Bytes message = message(out -> out.u8(65).u32(1).u64(Long.MIN_VALUE));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(message)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void countAboveTheIntRangeIsRejected() {
        Bytes message = message(out -> out.u8(73).u8(0).vector8(Bytes.utf8("u")).u8(PresenceChange.ONLINE.code())
                .u32(0x8000_0000L));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(message)).isInstanceOf(WireFormatException.class);
    }

    static Stream<Arguments> unknownEnumCodes() {
        Bytes room = Bytes.utf8("r");
        return Stream.of(
                Arguments.of("visibility 0", message(out -> out.u8(3).u32(1).vector8(room).u8(0)), true),
                Arguments.of("visibility 3", message(out -> out.u8(3).u32(1).vector8(room).u8(3)), true),
                Arguments.of("role 4", message(out -> out.u8(11).u32(1).vector8(room).vector8(room).u8(4)), true),
                Arguments.of("content type 0", message(out -> out.u8(12).u32(1).vector8(room).u8(0).vector24(room)), true),
                Arguments.of("content type 3", message(out -> out.u8(12).u32(1).vector8(room).u8(3).vector24(room)), true),
                Arguments.of("conversation tag 3", message(out -> out.u8(14).u32(1).u8(3).vector8(room).u64(0).u16(1)), true),
                Arguments.of("signature algorithm", message(out -> out.u8(16).u32(1).u16(0xfefe).vector16(room)), true),
                Arguments.of("error code 0", message(out -> out.u8(66).u32(1).u8(0).vector16(room)), false),
                Arguments.of("error code 23", message(out -> out.u8(66).u32(1).u8(23).vector16(room)), false),
                Arguments.of("encrypted-room visibility 0", message(out -> out.u8(31).u32(1).vector8(room).u8(0)
                        .vector16(room)), true),
                Arguments.of("presence change 7", message(out -> out.u8(73).vector8(room).vector8(room).u8(7).u32(0)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownEnumCodes")
    void unknownEnumCodeIsRejected(String name, Bytes message, boolean isRequest) {
        assertThatThrownBy(() -> {
            if (isRequest) {
                ChatCodec.decodeRequest(message);
            } else {
                ChatCodec.decodeEvent(message);
            }
        }).isInstanceOf(WireFormatException.class).hasMessageContaining("unknown");
    }

    @Test
    void changePasswordWithAnOutOfRangeIterationCountIsRejected() {
        Bytes message = message(out -> out.u8(15).u32(1).vector8(Bytes.fromHex("33".repeat(32)))
                .u8(1).vector8(Bytes.fromHex("00".repeat(16))).u32(0)
                .vector8(Bytes.fromHex("11".repeat(32))).vector8(Bytes.fromHex("22".repeat(32))));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("iteration");
    }

    // ---- encrypted rooms (Section 14.9) -----------------------------------------------------

    @Test
    void logEntryDeclaredAboveItsMaximumIsRejectedBeforeItsBytesAreRead() {
        Bytes append = message(out -> out.u8(32).u32(1).vector8(Bytes.utf8("r")).u16(ChatLimits.MAX_LOG_ENTRY_BYTES + 1));
        Bytes pushed = message(out -> out.u8(87).vector8(Bytes.utf8("r")).u32(0).u16(0xffff));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(append)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("log entry");
        assertThatThrownBy(() -> ChatCodec.decodeEvent(pushed)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("log entry");
    }

    @Test
    void emptyLogEntryIsRejectedInBothDirections() {
        Bytes create = message(out -> out.u8(31).u32(1).vector8(Bytes.utf8("r")).u8(RoomVisibility.PRIVATE.code())
                .u16(0));
        Bytes pushed = message(out -> out.u8(87).vector8(Bytes.utf8("r")).u32(0).u16(0));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(create)).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> ChatCodec.decodeEvent(pushed)).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> ChatCodec.encode(new ChatRequest.AppendRoomLog(1, "r", Bytes.fromHex(""))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roomLogPageAboveItsMaximumIsRejectedBeforeAllocation() {
        Bytes page = message(out -> out.u8(86).u32(1).vector8(Bytes.utf8("r")).u32(0)
                .u16(ChatLimits.MAX_LOG_PAGE_ENTRIES + 1));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(page)).isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).alert()).isEqualTo(Alert.RECORD_OVERFLOW));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, ChatLimits.MAX_ROOM_KEY_ENVELOPES + 1})
    void sendRoomKeysWithNoEnvelopeOrTooManyIsRejected(int count) {
        Bytes keys = message(out -> out.u8(34).u32(1).vector8(Bytes.utf8("r")).u16(count));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(keys)).isInstanceOf(WireFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 0xff})
    void encryptedFlagAndMoreFlagOtherThanZeroOrOneAreRejected(int flag) {
        Bytes joined = message(out -> out.u8(67).u32(1).vector8(Bytes.utf8("r")).vector16(Bytes.utf8(""))
                .u8(RoomVisibility.PUBLIC.code()).u8(flag).u32(0).u32(0).u16(0));
        Bytes page = message(out -> out.u8(86).u32(1).vector8(Bytes.utf8("r")).u32(0).u16(0).u8(flag));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(joined)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("not a boolean");
        assertThatThrownBy(() -> ChatCodec.decodeEvent(page)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("not a boolean");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 65})
    void changePasswordWithAProofThatIsNotAHashLengthIsRejectedBeforeItsBytesAreRead(int declared) {
        Bytes message = message(out -> out.u8(15).u32(1).u8(declared));

        assertThatThrownBy(() -> ChatCodec.decodeRequest(message)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("current password proof");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 10_000_001})
    void passwordParamsWithAnOutOfRangeIterationCountIsRejected(long iterations) {
        Bytes message = message(out -> out.u8(88).u32(1).u8(1).vector8(Bytes.fromHex("00".repeat(16))).u32(iterations));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(message)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("iteration");
    }

    @Test
    void passwordParamsWithAnUnknownMechanismOrAnEmptySaltIsRejected() {
        Bytes unknownMechanism = message(out -> out.u8(88).u32(1).u8(9).vector8(Bytes.fromHex("00".repeat(16))).u32(600_000));
        Bytes emptySalt = message(out -> out.u8(88).u32(1).u8(1).vector8(Bytes.empty()).u32(600_000));

        assertThatThrownBy(() -> ChatCodec.decodeEvent(unknownMechanism)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown SCRAM mechanism");
        assertThatThrownBy(() -> ChatCodec.decodeEvent(emptySalt)).isInstanceOf(WireFormatException.class);
    }

    private static Bytes sendRoomMessage(int contentType, Bytes body) {
        return message(out -> out.u8(12).u32(1).vector8(Bytes.utf8("r")).u8(contentType).vector24(body));
    }

    private static Bytes message(Consumer<WireWriter> fields) {
        WireWriter out = new WireWriter();
        fields.accept(out);
        return out.toBytes();
    }
}
