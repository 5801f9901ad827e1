package org.parley.protocol.chat;

import java.util.List;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.wire.WireWriter;

/**
 * The invalid vectors of docs/test-vectors/CHAT_messages.json: encodings that must not decode, each
 * with the alert of the rejection table of docs/PROTOCOL.md section 14.2 (first failing check in
 * wire order decides).
 */
final class ChatInvalidVectors {
    /** One invalid encoding: what is wrong, which direction it is decoded as, and the alert it must give. */
    record Invalid(String vector, String direction, Bytes encoding, Alert alert) {
    }

    private static final String REQUEST = "request";
    private static final String EVENT = "event";
    private static final Bytes ZERO_SEND_ID = Bytes.fromHex("00".repeat(16));
    private static final Bytes ENVELOPE = Bytes.fromHex("e1e2e3");

    private ChatInvalidVectors() {
    }

    static List<Invalid> all() {
        return List.of(
                request("unknown request type 41", out -> out.u8(41).u32(1), Alert.DECODE_ERROR),
                request("an event code sent as a request (accepted, 65)", out -> out.u8(65).u32(1).u64(0), Alert.DECODE_ERROR),
                request("empty message", out -> { }, Alert.DECODE_ERROR),
                request("truncated request id (ping)", out -> out.u8(18).u16(1), Alert.DECODE_ERROR),
                request("trailing byte after a ping", out -> out.u8(18).u32(1).u8(0), Alert.DECODE_ERROR),
                request("room name shorter than its length", out -> out.u8(1).u32(1).u8(5).fixed(Bytes.utf8("lob")),
                        Alert.DECODE_ERROR),
                request("room name length 65, bytes absent", out -> out.u8(1).u32(1).u8(65), Alert.RECORD_OVERFLOW),
                request("empty room name", out -> out.u8(1).u32(1).u8(0), Alert.DECODE_ERROR),
                request("overlong UTF-8 in a room name (C0 AF)", out -> out.u8(1).u32(1).vector8(Bytes.fromHex("c0af")),
                        Alert.DECODE_ERROR),
                request("a surrogate in a user name (ED A0 80)", out -> out.u8(21).u32(1).vector8(Bytes.fromHex("eda080")),
                        Alert.DECODE_ERROR),
                request("invalid UTF-8 in a topic", out -> out.u8(6).u32(1).utf8Vector8("密谈").vector16(Bytes.fromHex("ff")),
                        Alert.DECODE_ERROR),
                request("topic length 513", out -> out.u8(6).u32(1).utf8Vector8("密谈").u16(513), Alert.RECORD_OVERFLOW),
                request("invalid UTF-8 in a text body (E4 BD, cut)", out -> out.u8(12).u32(1).utf8Vector8("lobby").u8(1)
                        .vector24(Bytes.fromHex("e4bd")), Alert.ILLEGAL_PARAMETER),
                request("text body length 16,385, bytes absent", out -> out.u8(12).u32(1).utf8Vector8("lobby").u8(1).u24(16_385),
                        Alert.RECORD_OVERFLOW),
                request("opaque body length 65,537, bytes absent", out -> out.u8(12).u32(1).utf8Vector8("lobby").u8(2)
                        .u24(65_537), Alert.RECORD_OVERFLOW),
                request("unknown content type 3", out -> out.u8(12).u32(1).utf8Vector8("lobby").u8(3).vector24(Bytes.utf8("x")),
                        Alert.ILLEGAL_PARAMETER),
                request("has_room 2 in list_members", out -> out.u8(5).u32(1).u8(2), Alert.DECODE_ERROR),
                request("unknown visibility 3", out -> out.u8(3).u32(1).utf8Vector8("tea").u8(3), Alert.ILLEGAL_PARAMETER),
                request("unknown role 4", out -> out.u8(11).u32(1).utf8Vector8("tea").utf8Vector8("bob").u8(4),
                        Alert.ILLEGAL_PARAMETER),
                request("unknown conversation tag 3", out -> out.u8(14).u32(1).u8(3), Alert.ILLEGAL_PARAMETER),
                request("fetch_history limit 0", out -> out.u8(14).u32(1).u8(1).utf8Vector8("tea").u64(0).u16(0),
                        Alert.ILLEGAL_PARAMETER),
                request("fetch_history limit 201", out -> out.u8(14).u32(1).u8(1).utf8Vector8("tea").u64(0).u16(201),
                        Alert.ILLEGAL_PARAMETER),
                request("before_id with the top bit set", out -> out.u8(14).u32(1).u8(2).utf8Vector8("bob").u64(Long.MIN_VALUE)
                        .u16(1), Alert.ILLEGAL_PARAMETER),
                request("current proof of 31 bytes", out -> out.u8(15).u32(1).vector8(Bytes.fromHex("a5".repeat(31))),
                        Alert.DECODE_ERROR),
                request("current proof length 65", out -> out.u8(15).u32(1).u8(65), Alert.RECORD_OVERFLOW),
                request("verifier iterations 0", out -> out.u8(15).u32(1).vector8(Bytes.fromHex("a5".repeat(32))).u8(1)
                        .vector8(Bytes.fromHex("00".repeat(16))).u32(0), Alert.ILLEGAL_PARAMETER),
                request("unknown signature algorithm 0x0199", out -> out.u8(16).u32(1).u16(0x0199)
                        .vector16(Bytes.fromHex("ed".repeat(32))), Alert.ILLEGAL_PARAMETER),
                request("login public key length 2,049", out -> out.u8(16).u32(1).u16(0x0101).u16(2049), Alert.RECORD_OVERFLOW),
                request("device id 0", out -> out.u8(22).u32(1).u32(0), Alert.ILLEGAL_PARAMETER),
                request("prekey record of 100 bytes", out -> out.u8(23).u32(1).u8(1).vector16(Bytes.fromHex("01".repeat(100))),
                        Alert.DECODE_ERROR),
                request("101 one-time X25519 records", out -> out.u8(23).u32(1).u8(0).u16(101), Alert.RECORD_OVERFLOW),
                request("no envelope in send_envelopes", out -> out.u8(26).u32(1).utf8Vector8("bob").u16(0), Alert.DECODE_ERROR),
                request("envelope length 20,481", out -> out.u8(26).u32(1).utf8Vector8("bob").u16(1).utf8Vector8("bob").u32(1)
                        .u16(20_481), Alert.RECORD_OVERFLOW),
                request("no envelope id in ack_envelopes", out -> out.u8(28).u32(1).u16(0), Alert.DECODE_ERROR),
                request("envelope id 0 in ack_envelopes", out -> out.u8(28).u32(1).u16(1).u64(0), Alert.ILLEGAL_PARAMETER),
                request("empty log entry", out -> out.u8(32).u32(1).utf8Vector8("密谈").u16(0), Alert.DECODE_ERROR),
                request("log entry length 1,025", out -> out.u8(32).u32(1).utf8Vector8("密谈").u16(1025), Alert.RECORD_OVERFLOW),
                request("delivery option bit 1", out -> out.u8(36).u32(1).u8(2), Alert.ILLEGAL_PARAMETER),
                request("all-zero send id in send_room_message_once", out -> out.u8(37).u32(1).fixed(ZERO_SEND_ID)
                        .utf8Vector8("lobby").u8(1).vector24(Bytes.utf8("hi")), Alert.ILLEGAL_PARAMETER),
                request("all-zero send id in send_envelopes_once", out -> out.u8(38).u32(1).fixed(ZERO_SEND_ID)
                        .utf8Vector8("bob").u16(1).utf8Vector8("bob").u32(1).vector16(ENVELOPE), Alert.ILLEGAL_PARAMETER),
                request("the same user twice in list_devices_many", out -> out.u8(39).u32(1).u16(2).utf8Vector8("密谈")
                        .utf8Vector8("密谈"), Alert.DECODE_ERROR),
                request("no user in list_devices_many", out -> out.u8(39).u32(1).u16(0), Alert.DECODE_ERROR),
                request("101 users in list_devices_many", out -> out.u8(39).u32(1).u16(101), Alert.RECORD_OVERFLOW),
                request("the same user twice in fetch_bundles_many", out -> out.u8(40).u32(1).u16(2).utf8Vector8("bob")
                        .utf8Vector8("bob"), Alert.DECODE_ERROR),
                request("10 users in fetch_bundles_many", out -> out.u8(40).u32(1).u16(10), Alert.RECORD_OVERFLOW),
                request("wire order: a too long name before a truncation", out -> out.u8(7).u32(1).u8(65), Alert.RECORD_OVERFLOW),
                request("wire order: the same user twice, then a name length 65 (duplicates are checked after the list)",
                        out -> out.u8(39).u32(1).u16(3).utf8Vector8("bob").utf8Vector8("bob").u8(65), Alert.RECORD_OVERFLOW),
                request("wire order: unknown content type before a body length above every maximum", out -> out.u8(12).u32(1)
                        .utf8Vector8("lobby").u8(3).u24(70_000), Alert.ILLEGAL_PARAMETER),
                request("a code point above U+10FFFF in a name (F4 90 80 80)", out -> out.u8(21).u32(1)
                        .vector8(Bytes.fromHex("f4908080")), Alert.DECODE_ERROR),
                request("modified UTF-8 NUL in a name (C0 80)", out -> out.u8(21).u32(1).vector8(Bytes.fromHex("c080")),
                        Alert.DECODE_ERROR),
                request("a surrogate pair as CESU-8 in a text body", out -> out.u8(12).u32(1).utf8Vector8("lobby").u8(1)
                        .vector24(Bytes.fromHex("eda0bdedb88a")), Alert.ILLEGAL_PARAMETER),
                request("unknown SCRAM mechanism 3 in a new verifier", out -> out.u8(15).u32(1)
                        .vector8(Bytes.fromHex("a5".repeat(32))).u8(3), Alert.ILLEGAL_PARAMETER),
                request("empty stored key in a new verifier", out -> out.u8(15).u32(1).vector8(Bytes.fromHex("a5".repeat(32)))
                        .u8(1).vector8(Bytes.fromHex("00".repeat(16))).u32(600_000).u8(0), Alert.DECODE_ERROR),
                request("empty device name", out -> out.u8(19).u32(1).vector16(ChatVectorRequests.IDENTITY).u8(0),
                        Alert.DECODE_ERROR),
                request("a device proof cut short", out -> out.u8(20).u32(1).u32(1).fixed(Bytes.fromHex("9f".repeat(63))),
                        Alert.DECODE_ERROR),
                request("41 one-time ML-KEM records", out -> out.u8(23).u32(1).u8(0).u16(0).u16(41), Alert.RECORD_OVERFLOW),
                request("has_last_resort 2", out -> out.u8(23).u32(1).u8(0).u16(0).u16(0).u8(2), Alert.DECODE_ERROR),
                request("20 envelopes in send_envelopes", out -> out.u8(26).u32(1).utf8Vector8("bob").u16(20),
                        Alert.RECORD_OVERFLOW),
                request("after_id with the top bit set", out -> out.u8(27).u32(1).u64(Long.MIN_VALUE), Alert.ILLEGAL_PARAMETER),
                request("201 envelope ids", out -> out.u8(28).u32(1).u16(201), Alert.RECORD_OVERFLOW),
                request("no envelope in send_room_keys", out -> out.u8(34).u32(1).utf8Vector8("密谈").u16(0), Alert.DECODE_ERROR),
                request("201 envelopes in send_room_keys", out -> out.u8(34).u32(1).utf8Vector8("密谈").u16(201),
                        Alert.RECORD_OVERFLOW),
                request("a send id cut short", out -> out.u8(37).u32(1).fixed(Bytes.fromHex("0f".repeat(15))), Alert.DECODE_ERROR),
                event("unknown event type 64", out -> out.u8(64), Alert.DECODE_ERROR),
                event("a request code sent as an event (ping, 18)", out -> out.u8(18).u32(1), Alert.DECODE_ERROR),
                event("trailing byte after accepted", out -> out.u8(65).u32(1).u64(0).u8(0), Alert.DECODE_ERROR),
                event("message id with the top bit set", out -> out.u8(65).u32(1).u64(Long.MIN_VALUE), Alert.ILLEGAL_PARAMETER),
                event("unknown error code 23", out -> out.u8(66).u32(1).u8(23).vector16(Bytes.empty()), Alert.ILLEGAL_PARAMETER),
                event("rejection detail length 1,025", out -> out.u8(66).u32(1).u8(1).u16(1025), Alert.RECORD_OVERFLOW),
                event("encrypted flag 2 in a room", out -> out.u8(68).u32(1).u16(1).utf8Vector8("tea").vector16(Bytes.empty())
                        .u8(1).u8(2), Alert.DECODE_ERROR),
                event("1,001 rooms in room_list", out -> out.u8(68).u32(1).u16(1001), Alert.RECORD_OVERFLOW),
                event("history flag 2", out -> out.u8(71).utf8Vector8("tea").u64(1).u64(0).utf8Vector8("bob").u8(1)
                        .vector24(Bytes.utf8("hi")).u8(2), Alert.DECODE_ERROR),
                event("count above 2^31-1", out -> out.u8(73).u8(0).utf8Vector8("bob").u8(3).u32(0x8000_0000L),
                        Alert.ILLEGAL_PARAMETER),
                event("unknown presence change 7", out -> out.u8(73).u8(0).utf8Vector8("bob").u8(7).u32(1),
                        Alert.ILLEGAL_PARAMETER),
                event("11 devices in device_list", out -> out.u8(78).u32(1).utf8Vector8("bob").u16(11), Alert.RECORD_OVERFLOW),
                event("identity of 63 bytes", out -> out.u8(78).u32(1).utf8Vector8("bob").u16(1).u32(1)
                        .vector16(Bytes.fromHex("1d".repeat(63))), Alert.DECODE_ERROR),
                event("has_one_time 2 in a bundle", out -> out.u8(80).u32(1).utf8Vector8("bob").u16(1).u32(1)
                        .vector16(ChatVectorRequests.IDENTITY).vector16(ChatVectorRequests.SIGNED_PREKEY).u8(2),
                        Alert.DECODE_ERROR),
                event("more 2 in envelope_batch", out -> out.u8(82).u16(0).u8(2), Alert.DECODE_ERROR),
                event("envelope id 0 in envelope_batch", out -> out.u8(82).u16(1).u64(0), Alert.ILLEGAL_PARAMETER),
                event("unknown device change 3", out -> out.u8(83).utf8Vector8("bob").u32(1).u8(3), Alert.ILLEGAL_PARAMETER),
                event("17 keys in login_key_list", out -> out.u8(85).u32(1).u16(17), Alert.RECORD_OVERFLOW),
                event("iterations 10,000,001", out -> out.u8(88).u32(1).u8(1).vector8(Bytes.fromHex("00")).u32(10_000_001),
                        Alert.ILLEGAL_PARAMETER),
                event("unknown SCRAM mechanism 3", out -> out.u8(88).u32(1).u8(3), Alert.ILLEGAL_PARAMETER),
                event("found 2 in device_lists", out -> out.u8(89).u32(1).u16(1).utf8Vector8("bob").u8(2), Alert.DECODE_ERROR),
                event("10 users in bundle_lists", out -> out.u8(90).u32(1).u16(10), Alert.RECORD_OVERFLOW),
                event("invalid UTF-8 in a rejection detail", out -> out.u8(66).u32(1).u8(1).vector16(Bytes.fromHex("80")),
                        Alert.DECODE_ERROR),
                event("invalid UTF-8 in a notice", out -> out.u8(77).vector16(Bytes.fromHex("e4bd")), Alert.DECODE_ERROR),
                event("unknown role 4 in a member", out -> out.u8(69).u32(1).vector8(Bytes.empty()).u16(1).utf8Vector8("bob")
                        .u8(4), Alert.ILLEGAL_PARAMETER),
                event("sessions above 2^31-1", out -> out.u8(69).u32(1).vector8(Bytes.empty()).u16(1).utf8Vector8("bob").u8(1)
                        .u32(0xffff_ffffL), Alert.ILLEGAL_PARAMETER),
                event("1,001 members", out -> out.u8(67).u32(1).utf8Vector8("tea").vector16(Bytes.empty()).u8(1).u8(0).u32(0)
                        .u32(0).u16(1001), Alert.RECORD_OVERFLOW),
                event("201 messages in history_page", out -> out.u8(70).u32(1).u8(1).utf8Vector8("tea").u16(201),
                        Alert.RECORD_OVERFLOW),
                event("a stored message id with the top bit set", out -> out.u8(72).utf8Vector8("bob").u64(Long.MIN_VALUE),
                        Alert.ILLEGAL_PARAMETER),
                event("prekey count above 2^31-1", out -> out.u8(79).u32(1).u32(0).u32(0x8000_0000L), Alert.ILLEGAL_PARAMETER),
                event("11 peer devices in device_mismatch", out -> out.u8(81).u32(1).utf8Vector8("bob").u16(11),
                        Alert.RECORD_OVERFLOW),
                event("device id 0 in device_mismatch", out -> out.u8(81).u32(1).utf8Vector8("bob").u16(1).u32(0),
                        Alert.ILLEGAL_PARAMETER),
                event("101 envelopes in envelope_page", out -> out.u8(84).u32(1).u16(101), Alert.RECORD_OVERFLOW),
                event("201 entries in room_log_page", out -> out.u8(86).u32(1).utf8Vector8("密谈").u32(0).u16(201),
                        Alert.RECORD_OVERFLOW),
                event("empty salt in password_params", out -> out.u8(88).u32(1).u8(1).u8(0), Alert.DECODE_ERROR),
                event("salt length 65 in password_params", out -> out.u8(88).u32(1).u8(1).u8(65), Alert.RECORD_OVERFLOW),
                event("101 users in device_lists", out -> out.u8(89).u32(1).u16(101), Alert.RECORD_OVERFLOW),
                event("11 devices for a user found in device_lists", out -> out.u8(89).u32(1).u16(1).utf8Vector8("bob").u8(1)
                        .u16(11), Alert.RECORD_OVERFLOW),
                event("found 2 in bundle_lists", out -> out.u8(90).u32(1).u16(1).utf8Vector8("bob").u8(2), Alert.DECODE_ERROR));
    }

    private static Invalid request(String vector, Consumer<WireWriter> writer, Alert alert) {
        return new Invalid(vector, REQUEST, bytes(writer), alert);
    }

    private static Invalid event(String vector, Consumer<WireWriter> writer, Alert alert) {
        return new Invalid(vector, EVENT, bytes(writer), alert);
    }

    private static Bytes bytes(Consumer<WireWriter> writer) {
        WireWriter out = new WireWriter();
        writer.accept(out);
        return out.toBytes();
    }
}
