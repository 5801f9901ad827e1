package org.parley.protocol.chat;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Reads and writes the field types the chat messages share: names, texts, message bodies, ids,
 * counts, optional values, enum codes, lists, and the {@link StoredMessage}, {@link RoomInfo},
 * {@link MemberInfo} and {@link Conversation} structures (layouts in {@link ChatCodec}).
 *
 * <p>Writers throw {@link IllegalArgumentException} for a value the wire cannot carry (a name
 * over 64 bytes, a string with an unpaired surrogate, a negative id): that is the caller's bug.
 * Readers throw only {@link WireFormatException}, and check every length and count against its
 * {@link ChatLimits} maximum before allocating.
 */
final class ChatFields {
    private ChatFields() {
    }

    /** Reads one field of type {@code T}. */
    @FunctionalInterface
    interface Reader<T> {
        T read(WireReader in) throws WireFormatException;
    }

    // ---- strings ------------------------------------------------------------------------------

    static void room(WireWriter out, String room) {
        out.vector8(utf8(room, "room", 1, ChatLimits.MAX_ROOM_NAME_BYTES));
    }

    static String room(WireReader in) throws WireFormatException {
        return in.utf8Vector8("room", 1, ChatLimits.MAX_ROOM_NAME_BYTES);
    }

    /** A room name, or empty for "global" (Presence, MemberList). */
    static void roomOrGlobal(WireWriter out, String room) {
        out.vector8(utf8(room, "room", 0, ChatLimits.MAX_ROOM_NAME_BYTES));
    }

    static String roomOrGlobal(WireReader in) throws WireFormatException {
        return in.utf8Vector8("room", 0, ChatLimits.MAX_ROOM_NAME_BYTES);
    }

    static void user(WireWriter out, String user) {
        out.vector8(utf8(user, "user", 1, ChatLimits.MAX_USER_NAME_BYTES));
    }

    static String user(WireReader in) throws WireFormatException {
        return in.utf8Vector8("user", 1, ChatLimits.MAX_USER_NAME_BYTES);
    }

    /** A topic, kick/ban reason, rejection detail or notice: vector16, 0..max bytes. */
    static void text(WireWriter out, String text, String field, int max) {
        out.vector16(utf8(text, field, 0, max));
    }

    static String text(WireReader in, String field, int max) throws WireFormatException {
        return in.utf8Vector16(field, 0, max);
    }

    /** A short name such as a device name: vector8, 1..max bytes of strict UTF-8. */
    static void text8(WireWriter out, String text, String field, int max) {
        out.vector8(utf8(text, field, 1, max));
    }

    /** Strict UTF-8: an unpaired surrogate is refused rather than silently replaced by '?'. */
    private static Bytes utf8(String value, String field, int min, int max) {
        byte[] encoded;
        try {
            var buffer = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            encoded = new byte[buffer.remaining()];
            buffer.get(encoded);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + " is not valid Unicode text", e);
        }
        if (encoded.length < min || encoded.length > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + " UTF-8 bytes, not " + encoded.length);
        }
        return Bytes.wrapOwned(encoded);
    }

    // ---- bodies -------------------------------------------------------------------------------

    /** content_type:u8 || body:vector24; a TEXT body is strict UTF-8 of at most MAX_TEXT_BYTES. */
    static void body(WireWriter out, ContentType type, Bytes body) {
        int max = maxBody(type);
        if (body.length() > max) {
            throw new IllegalArgumentException(type + " body of " + body.length() + " bytes exceeds " + max);
        }
        if (type == ContentType.TEXT && !isUtf8(body)) {
            throw new IllegalArgumentException("TEXT body is not valid UTF-8");
        }
        out.u8(type.code()).vector24(body);
    }

    static ContentType contentType(WireReader in) throws WireFormatException {
        return code(in, "content type", ContentType::fromCode);
    }

    /** Reads the body of a message whose content type was just read; the limit depends on it. */
    static Bytes body(WireReader in, ContentType type) throws WireFormatException {
        Bytes body = in.vector24("body", 0, maxBody(type));
        if (type == ContentType.TEXT && !isUtf8(body)) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "TEXT body is not valid UTF-8");
        }
        return body;
    }

    private static int maxBody(ContentType type) {
        return switch (type) {
            case TEXT -> ChatLimits.MAX_TEXT_BYTES;
            case OPAQUE -> ChatLimits.MAX_BODY_BYTES;
        };
    }

    private static boolean isUtf8(Bytes body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(body.asReadOnlyBuffer());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // ---- numbers, flags, codes ----------------------------------------------------------------

    /** A message id or "before" id: u64 holding 0..2^63-1. */
    static void id(WireWriter out, long id) {
        if (id < 0) {
            throw new IllegalArgumentException("ids are non-negative: " + id);
        }
        out.u64(id);
    }

    /** A {@link SendId}: 16 bytes, all zeros refused ({@code illegal_parameter}). */
    static SendId sendId(WireReader in) throws WireFormatException {
        Bytes value = in.fixed(SendId.LENGTH, "send id");
        if (SendId.isZero(value)) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "send id is all zeros");
        }
        return new SendId(value);
    }

    static long id(WireReader in, String field) throws WireFormatException {
        long id = in.u64();
        if (id < 0) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, field + " above 2^63-1");
        }
        return id;
    }

    /** A member, online or session count: u32 holding 0..2^31-1. */
    static void count(WireWriter out, int count) {
        out.u32(count);
    }

    static int count(WireReader in, String field) throws WireFormatException {
        long count = in.u32();
        if (count > Integer.MAX_VALUE) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, field + " above 2^31-1");
        }
        return (int) count;
    }

    static <T> T code(WireReader in, String field, IntFunction<Optional<T>> lookup) throws WireFormatException {
        int code = in.u8();
        return lookup.apply(code).orElseThrow(
                () -> new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown " + field + " " + code));
    }

    /** present:u8 (0|1) || [value]. */
    static <T> void optional(WireWriter out, Optional<T> value, BiConsumer<WireWriter, T> writer) {
        out.bool(value.isPresent());
        value.ifPresent(v -> writer.accept(out, v));
    }

    static <T> Optional<T> optional(WireReader in, String field, Reader<T> reader) throws WireFormatException {
        return in.bool(field + " present") ? Optional.of(reader.read(in)) : Optional.empty();
    }

    // ---- lists --------------------------------------------------------------------------------

    /** count:u16 (0..max) || entries. */
    static <T> void list(WireWriter out, List<T> entries, int max, BiConsumer<WireWriter, T> writer) {
        if (entries.size() > max) {
            throw new IllegalArgumentException("list of " + entries.size() + " entries exceeds " + max);
        }
        out.u16(entries.size());
        entries.forEach(entry -> writer.accept(out, entry));
    }

    static <T> List<T> list(WireReader in, String field, int max, Reader<T> reader) throws WireFormatException {
        int count = in.u16();
        if (count > max) {
            throw WireFormatException.tooLong(field + " count", count, max);
        }
        List<T> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(reader.read(in));
        }
        return List.copyOf(entries);
    }
}
