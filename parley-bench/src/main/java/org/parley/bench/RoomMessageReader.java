package org.parley.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEventType;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ContentType;

/**
 * The load generator's lean reader of a RoomMessage event (docs/PROTOCOL.md, "Chat messages";
 * layout in {@code ChatEventCodec} and {@code ChatStructures}): it checks every field exactly as
 * {@link ChatCodec#decodeEvent} does but builds no record and no string, and returns where the body
 * starts, so that a fan-out receiver spends its time on the record layer, not on decoding.
 *
 * <pre>
 *   71 || room&lt;1..64&gt;:vector8 || id:u64 (0..2^63-1) || timestamp_ms:u64 || from&lt;1..64&gt;:vector8
 *      || content_type:u8 || body&lt;0..max&gt;:vector24 || history:u8 (0|1)
 *   (max 16,384 for TEXT, which must be strict UTF-8; 65,536 for OPAQUE; no trailing byte)
 * </pre>
 *
 * <p>Because nothing may follow the history byte, the body ends where that byte starts: the body is
 * {@code [offset, length - 1)} and the history flag is the last byte.
 *
 * <p><b>Security.</b> The input is the server's, decrypted and authenticated by the record layer; the
 * checks are those of the full decoder all the same (names and TEXT bodies strict UTF-8 with the JDK's
 * decoder, lengths against their maxima before use, codes known, no trailing bytes), so a receiver
 * using this reader counts only what a client would accept. {@code RoomMessageReaderTest} compares it
 * with the full decoder on valid and mutated messages.
 */
final class RoomMessageReader {
    /** Returned by {@link #bodyOffset} for an event of another type. */
    static final int NOT_A_ROOM_MESSAGE = -1;
    private static final int ROOM_MESSAGE = ChatEventType.ROOM_MESSAGE.code();
    /** Eight bytes at a time for the ASCII check; the byte order does not matter to it. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private RoomMessageReader() {
    }

    /**
     * Checks the event in {@code message[0, length)} and returns the offset of its body, or
     * {@link #NOT_A_ROOM_MESSAGE} when its type byte is not RoomMessage's (the caller decodes it fully).
     *
     * @throws WireFormatException whenever {@link ChatCodec#decodeEvent} would reject the same bytes
     */
    static int bodyOffset(byte[] message, int length) throws WireFormatException {
        return bodyOffset(message, 0, length);
    }

    /**
     * As {@link #bodyOffset(byte[], int)} for the event in {@code message[offset, offset + length)}:
     * returns the body's offset in {@code message}; the history flag is {@code message[offset + length - 1]}.
     */
    static int bodyOffset(byte[] message, int offset, int length) throws WireFormatException {
        if (length < 1 || (message[offset] & 0xff) != ROOM_MESSAGE) {
            return NOT_A_ROOM_MESSAGE;
        }
        int end = offset + length;
        int at = name(message, offset + 1, end, "room", ChatLimits.MAX_ROOM_NAME_BYTES);
        need(at, end, 16, "id and timestamp");
        if (message[at] < 0) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "message id above 2^63-1");
        }
        at = name(message, at + 16, end, "user", ChatLimits.MAX_USER_NAME_BYTES);
        need(at, end, 1, "content type");
        int code = message[at++] & 0xff;
        ContentType type = ContentType.fromCode(code).orElseThrow(
                () -> new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown content type " + code));
        need(at, end, 3, "body length");
        int bodyLength = ((message[at] & 0xff) << 16) | ((message[at + 1] & 0xff) << 8) | (message[at + 2] & 0xff);
        at += 3;
        int max = switch (type) {
            case TEXT -> ChatLimits.MAX_TEXT_BYTES;
            case OPAQUE -> ChatLimits.MAX_BODY_BYTES;
        };
        if (bodyLength > max) {
            throw WireFormatException.tooLong("body", bodyLength, max);
        }
        need(at, end, bodyLength, "body");
        if (type == ContentType.TEXT) {
            strictUtf8(message, at, bodyLength, "TEXT body");
        }
        int body = at;
        at += bodyLength;
        need(at, end, 1, "history");
        if ((message[at] & 0xff) > 1) {
            throw new WireFormatException("history is not a boolean: " + (message[at] & 0xff));
        }
        if (at + 1 != end) {
            throw new WireFormatException((end - at - 1) + " trailing bytes");
        }
        return body;
    }

    /** Checks a {@code <1..max>:vector8} name at {@code at}; returns the offset after it. */
    private static int name(byte[] message, int at, int end, String field, int max) throws WireFormatException {
        if (at >= end) {
            throw truncated(field + " length", 1, end - at);
        }
        int size = message[at] & 0xff;
        if (size > max) {
            throw WireFormatException.tooLong(field, size, max);
        }
        if (size < 1) {
            throw new WireFormatException(field + " length 0 below minimum 1");
        }
        need(at + 1, end, size, field);
        strictUtf8(message, at + 1, size, field);
        return at + 1 + size;
    }

    /** Field names are constants: the message is built only when the check fails. */
    private static void need(int at, int end, int count, String field) throws WireFormatException {
        if (end - at < count) {
            throw truncated(field, count, end - at);
        }
    }

    private static WireFormatException truncated(String field, int count, int have) {
        return new WireFormatException("truncated " + field + ": need " + count + ", have " + have);
    }

    /**
     * ASCII, the benchmark's every byte, is valid UTF-8 and checked here without a decoder; anything
     * else goes through the JDK's strict decoder, the one the full decoder uses, so both accept the same.
     */
    private static void strictUtf8(byte[] message, int from, int count, String field) throws WireFormatException {
        int end = from + count;
        int i = from;
        boolean ascii = true;
        for (; ascii && i + Long.BYTES <= end; i += Long.BYTES) {
            ascii = ((long) LONGS.get(message, i) & HIGH_BITS) == 0;
        }
        for (; ascii && i < end; i++) {
            ascii = message[i] >= 0;
        }
        if (!ascii) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(message, from, count));
            } catch (CharacterCodingException e) {
                throw new WireFormatException(Alert.ILLEGAL_PARAMETER, field + " is not valid UTF-8");
            }
        }
    }
}
