package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireWriter;

/**
 * The alert each kind of malformed chat message carries, exactly as docs/PROTOCOL.md Section 14.2
 * lists them, so an independent implementation can match the reference one alert for alert.
 */
class ChatAlertCodesTest {

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("unknown message type", bytes(out -> out.u8(0x7f).u32(1)), Alert.DECODE_ERROR),
                Arguments.of("truncated request id", bytes(out -> out.u8(4).u16(1)), Alert.DECODE_ERROR),
                Arguments.of("trailing byte", bytes(out -> out.u8(4).u32(1).u8(0)), Alert.DECODE_ERROR),
                Arguments.of("name length above 64", bytes(out -> out.u8(1).u32(1).u8(65)), Alert.RECORD_OVERFLOW),
                Arguments.of("empty room name", bytes(out -> out.u8(1).u32(1).u8(0)), Alert.DECODE_ERROR),
                Arguments.of("invalid UTF-8 in a name", bytes(out -> out.u8(1).u32(1).vector8(Bytes.fromHex("c328"))),
                        Alert.DECODE_ERROR),
                Arguments.of("invalid UTF-8 in a topic", bytes(out -> out.u8(6).u32(1).vector8(Bytes.utf8("r"))
                        .vector16(Bytes.fromHex("ff"))), Alert.DECODE_ERROR),
                Arguments.of("invalid UTF-8 in a text body", bytes(out -> out.u8(12).u32(1).vector8(Bytes.utf8("r"))
                        .u8(ContentType.TEXT.code()).vector24(Bytes.fromHex("ff"))), Alert.ILLEGAL_PARAMETER),
                Arguments.of("presence byte 2", bytes(out -> out.u8(5).u32(1).u8(2)), Alert.DECODE_ERROR),
                Arguments.of("unknown visibility", bytes(out -> out.u8(3).u32(1).vector8(Bytes.utf8("r")).u8(9)),
                        Alert.ILLEGAL_PARAMETER),
                Arguments.of("unknown conversation tag", bytes(out -> out.u8(14).u32(1).u8(3)), Alert.ILLEGAL_PARAMETER),
                Arguments.of("history limit 0", bytes(out -> out.u8(14).u32(1).u8(1).vector8(Bytes.utf8("r")).u64(0).u16(0)),
                        Alert.ILLEGAL_PARAMETER),
                Arguments.of("before id with the top bit set", bytes(out -> out.u8(14).u32(1).u8(1).vector8(Bytes.utf8("r"))
                        .u64(Long.MIN_VALUE).u16(1)), Alert.ILLEGAL_PARAMETER),
                Arguments.of("device id 0", bytes(out -> out.u8(22).u32(1).u32(0)), Alert.ILLEGAL_PARAMETER),
                Arguments.of("unknown delivery option bit", bytes(out -> out.u8(36).u32(1).u8(2)), Alert.ILLEGAL_PARAMETER),
                Arguments.of("no envelope ids", bytes(out -> out.u8(28).u32(1).u16(0)), Alert.DECODE_ERROR),
                Arguments.of("201 envelope ids", bytes(out -> out.u8(28).u32(1).u16(201)), Alert.RECORD_OVERFLOW),
                Arguments.of("proof of 31 bytes", bytes(out -> out.u8(15).u32(1).u8(31)), Alert.DECODE_ERROR),
                Arguments.of("no user in a batch", bytes(out -> out.u8(39).u32(1).u16(0)), Alert.DECODE_ERROR),
                Arguments.of("a user twice in a batch", bytes(out -> out.u8(39).u32(1).u16(2).vector8(Bytes.utf8("u"))
                        .vector8(Bytes.utf8("u"))), Alert.DECODE_ERROR),
                Arguments.of("10 users in a bundle batch", bytes(out -> out.u8(40).u32(1).u16(10)), Alert.RECORD_OVERFLOW));
    }

    static Stream<Arguments> malformedEvents() {
        return Stream.of(
                Arguments.of("unknown event type", bytes(out -> out.u8(0x40)), Alert.DECODE_ERROR),
                Arguments.of("history flag 2", bytes(out -> out.u8(71).vector8(Bytes.utf8("r")).u64(1).u64(0)
                        .vector8(Bytes.utf8("u")).u8(ContentType.TEXT.code()).vector24(Bytes.utf8("hi")).u8(2)),
                        Alert.DECODE_ERROR),
                Arguments.of("count above 2^31-1", bytes(out -> out.u8(73).u8(0).vector8(Bytes.utf8("u"))
                        .u8(PresenceChange.ONLINE.code()).u32(0x8000_0000L)), Alert.ILLEGAL_PARAMETER),
                Arguments.of("unknown error code", bytes(out -> out.u8(66).u32(1).u8(0).vector16(Bytes.empty())),
                        Alert.ILLEGAL_PARAMETER),
                Arguments.of("1,001 members", bytes(out -> out.u8(69).u32(1).u8(0).u16(1001)), Alert.RECORD_OVERFLOW),
                Arguments.of("found byte 2", bytes(out -> out.u8(89).u32(1).u16(1).vector8(Bytes.utf8("u")).u8(2)),
                        Alert.DECODE_ERROR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aMalformedRequestCarriesTheDocumentedAlert(String what, Bytes message, Alert alert) {
        WireFormatException failure = assertThrows(WireFormatException.class, () -> ChatCodec.decodeRequest(message));

        assertThat(failure.alert()).as(what).isEqualTo(alert);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEvents")
    void aMalformedEventCarriesTheDocumentedAlert(String what, Bytes message, Alert alert) {
        WireFormatException failure = assertThrows(WireFormatException.class, () -> ChatCodec.decodeEvent(message));

        assertThat(failure.alert()).as(what).isEqualTo(alert);
    }

    private static Bytes bytes(Consumer<WireWriter> writer) {
        WireWriter out = new WireWriter();
        writer.accept(out);
        return out.toBytes();
    }
}
