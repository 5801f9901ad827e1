package org.parley.protocol.chat;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Encodes and decodes the chat-phase messages: {@link ChatRequest}s from client to server and
 * {@link ChatEvent}s from server to client, one per application message of the secure channel
 * (docs/PROTOCOL.md, "Chat messages").
 *
 * <pre>
 *   ChatMessage = type:u8 || body
 *
 *   +------+------------------------------------------------+
 *   | type | fields in record order, big-endian, no padding |
 *   +------+------------------------------------------------+
 *     1 B    layouts in ChatRequestCodec (types 1..40),
 *            ChatEventCodec (types 65..90), E2eCodec, E2eBatchCodec, RoomLogCodec
 *
 *   e.g. SendRoomMessage "lobby", TEXT "你好":
 *   +----+-------------+----+-----------+----+----------+------------------+
 *   | 0C | 00 00 00 07 | 05 | l o b b y | 01 | 00 00 06 | E4 BD A0 E5 A5 BD |
 *   +----+-------------+----+-----------+----+----------+------------------+
 *    type  request_id   len    room      TEXT  body len   body (UTF-8)
 * </pre>
 *
 * <p>Field rules: request ids are u32; names are strict UTF-8 {@code <1..64>:vector8}; topics and
 * reasons {@code <0..512>:vector16}; rejection details and notices {@code <0..1024>:vector16};
 * bodies {@code <0..65536>:vector24}, a TEXT body strict UTF-8 of at most 16,384 bytes; lists a
 * u16 count (at most 1,000 entries, 200 in a history page); optionals and booleans one byte, 0 or
 * 1; enums their one-byte codes.
 *
 * <p><b>Security.</b> Input is hostile: {@link #decodeRequest} and {@link #decodeEvent} throw
 * only {@link WireFormatException}, whatever the bytes, check every declared length and count
 * against its maximum before allocating, and reject unknown codes and trailing bytes, so every
 * message has exactly one encoding. Exception messages name fields, never their contents.
 * Encoding a value the wire cannot carry throws {@link IllegalArgumentException}.
 */
public final class ChatCodec {
    private ChatCodec() {
    }

    /** Encodes a request with its type byte. */
    public static Bytes encode(ChatRequest request) {
        WireWriter out = new WireWriter().u8(ChatRequestType.of(request).code());
        ChatRequestCodec.encodeBody(out, request);
        return out.toBytes();
    }

    /** Encodes an event with its type byte. */
    public static Bytes encode(ChatEvent event) {
        WireWriter out = new WireWriter().u8(ChatEventType.of(event).code());
        ChatEventCodec.encodeBody(out, event);
        return out.toBytes();
    }

    /** Decodes one whole request message. */
    public static ChatRequest decodeRequest(Bytes encoded) throws WireFormatException {
        WireReader in = WireReader.of(encoded);
        int code = in.u8();
        ChatRequestType type = ChatRequestType.fromCode(code).orElseThrow(
                () -> new WireFormatException("unknown chat request type " + code));
        ChatRequest request = ChatRequestCodec.decodeBody(in, type);
        in.expectEnd();
        return request;
    }

    /** Decodes one whole event message. */
    public static ChatEvent decodeEvent(Bytes encoded) throws WireFormatException {
        WireReader in = WireReader.of(encoded);
        int code = in.u8();
        ChatEventType type = ChatEventType.fromCode(code).orElseThrow(
                () -> new WireFormatException("unknown chat event type " + code));
        ChatEvent event = ChatEventCodec.decodeBody(in, type);
        in.expectEnd();
        return event;
    }
}
