package org.parley.client.e2ee;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.parley.client.e2ee.OutboxFormatException.Reason;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eSuite;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.SendId;

/**
 * The binary form of an outbox file (docs/E2EE.md 20.1, 20.3), big-endian:
 * <pre>
 * u8 version (1) | u8 kind | send_id[16] | i64 first_try_ms, then for kind 1 (a private send):
 *   str16 peer | str16 from_user | i64 from_device | u8 suite | str16 message_id (hex)
 *   | i64 sent_at_ms | u32 text_len, text (UTF-8)
 *   | u8 n_targets, n × (str16 user | i64 device | u16 len, envelope)
 *   | u8 n_redo, n × (str16 file | u32 len, session)
 * and for kind 2 (an encrypted-room send):
 *   str16 room | str16 from_user | i64 from_device | str16 message_id (hex) | i64 epoch
 *   | i64 sent_at_ms | u32 text_len, text (UTF-8) | u32 len, envelope
 * and for kind 3 (a plaintext-room send, {@link PendingPlainSend}):
 *   str16 room | u32 text_len, text (UTF-8, at most {@link #MAX_PLAIN_TEXT_BYTES})
 * </pre>
 * {@code str16} is a u16 length and UTF-8. Every length and count has a maximum, checked before
 * anything is allocated; anything else is an {@link OutboxFormatException}. The redo part is the
 * sessions as advanced by the send's encryption, present only until they are stored ({@link SendOutbox}).
 */
final class PendingSendCodec {
    static final int VERSION = 1;
    static final int KIND_PRIVATE = 1;
    static final int KIND_ROOM = 2;
    static final int KIND_PLAIN_ROOM = 3;
    /** A plaintext room message: a message body (its text is sent as it is). */
    static final int MAX_PLAIN_TEXT_BYTES = ChatLimits.MAX_BODY_BYTES;
    /** A room envelope: a message body. */
    static final int MAX_ROOM_ENVELOPE_BYTES = ChatLimits.MAX_BODY_BYTES;
    /** A user name: at most 64 characters of up to 4 UTF-8 bytes. */
    static final int MAX_NAME_BYTES = 256;
    static final int MAX_MESSAGE_ID_CHARS = 64;
    /** The text fits in an envelope. */
    static final int MAX_TEXT_BYTES = ChatLimits.MAX_ENVELOPE_BYTES;
    static final int MAX_TARGETS = ChatLimits.MAX_ENVELOPES_PER_SEND;
    static final int MAX_FILE_NAME_BYTES = 512;
    /** One stored session (with its skipped keys). */
    static final int MAX_SESSION_BYTES = 1024 * 1024;
    /** The largest outbox file read. */
    static final int MAX_BYTES = 2 + SendId.LENGTH + 8 + 3 * (2 + MAX_NAME_BYTES) + 8 + 1 + 8 + 4 + MAX_TEXT_BYTES
            + 1 + MAX_TARGETS * (2 + MAX_NAME_BYTES + 8 + 2 + ChatLimits.MAX_ENVELOPE_BYTES)
            + 1 + MAX_TARGETS * (2 + MAX_FILE_NAME_BYTES + 4 + MAX_SESSION_BYTES);
    private static final Pattern SESSION_FILE = Pattern.compile("sessions/[a-z0-9_.-]+");

    /** A session to store at {@code file} (a name under {@code sessions/}) before the send is sent. */
    record Redo(String file, SecretBytes state) {
    }

    /** What a file holds (a room send never carries sessions). */
    record Decoded(OutboxSend send, List<Redo> redo) {
    }

    private PendingSendCodec() {
    }

    static byte[] encode(PendingRoomSend send) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeByte(KIND_ROOM);
            out.write(send.sendId().value().toByteArray());
            out.writeLong(send.firstTry().toEpochMilli());
            E2eRoomMessage message = send.message();
            string(out, send.room());
            string(out, message.fromUser());
            out.writeLong(message.fromDevice());
            string(out, message.messageId());
            out.writeLong(message.epoch());
            out.writeLong(message.sentAt().toEpochMilli());
            byte[] text = message.text().getBytes(StandardCharsets.UTF_8);
            out.writeInt(text.length);
            out.write(text);
            out.writeInt(send.envelope().length());
            out.write(send.envelope().toByteArray());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
    }

    /**
     * Fails with {@link IllegalArgumentException} for a text over {@link #MAX_PLAIN_TEXT_BYTES} or a
     * room name over {@link #MAX_NAME_BYTES}: it would not decode (and the server refuses it anyway).
     */
    static byte[] encode(PendingPlainSend send) {
        byte[] text = send.text().getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_PLAIN_TEXT_BYTES || send.room().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a room name or text over its bound (" + text.length + " bytes of text)");
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeByte(KIND_PLAIN_ROOM);
            out.write(send.sendId().value().toByteArray());
            out.writeLong(send.firstTry().toEpochMilli());
            string(out, send.room());
            out.writeInt(text.length);
            out.write(text);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
    }

    static byte[] encode(PendingSend send, List<Redo> redo) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeByte(KIND_PRIVATE);
            out.write(send.sendId().value().toByteArray());
            out.writeLong(send.firstTry().toEpochMilli());
            E2eMessage message = send.message();
            string(out, send.peer());
            string(out, message.fromUser());
            out.writeLong(message.fromDevice());
            out.writeByte(message.suite().code());
            string(out, message.messageId());
            out.writeLong(message.sentAt().toEpochMilli());
            byte[] text = message.text().getBytes(StandardCharsets.UTF_8);
            out.writeInt(text.length);
            out.write(text);
            out.writeByte(send.targets().size());
            for (EnvelopeTarget target : send.targets()) {
                string(out, target.user());
                out.writeLong(target.deviceId());
                out.writeShort(target.envelope().length());
                out.write(target.envelope().toByteArray());
            }
            out.writeByte(redo.size());
            for (Redo session : redo) {
                string(out, session.file());
                byte[] state = session.state().revealCopy();
                out.writeInt(state.length);
                out.write(state);
                java.util.Arrays.fill(state, (byte) 0);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    static Decoded decode(byte[] content) throws OutboxFormatException {
        if (content.length > MAX_BYTES) {
            throw new OutboxFormatException(Reason.TOO_LARGE, content.length + " bytes, more than " + MAX_BYTES);
        }
        ByteBuffer in = ByteBuffer.wrap(content);
        try {
            int version = in.get() & 0xff;
            int kind = in.get() & 0xff;
            if (version != VERSION || (kind != KIND_PRIVATE && kind != KIND_ROOM && kind != KIND_PLAIN_ROOM)) {
                throw new OutboxFormatException(Reason.UNKNOWN_VERSION, "version " + version + ", kind " + kind);
            }
            SendId sendId = new SendId(bytes(in, SendId.LENGTH));
            Instant firstTry = Instant.ofEpochMilli(in.getLong());
            if (kind == KIND_ROOM) {
                return new Decoded(room(in, sendId, firstTry), List.of());
            }
            if (kind == KIND_PLAIN_ROOM) {
                return new Decoded(plainRoom(in, sendId, firstTry), List.of());
            }
            String peer = string(in, "peer", MAX_NAME_BYTES);
            String fromUser = string(in, "from_user", MAX_NAME_BYTES);
            long fromDevice = in.getLong();
            int code = in.get() & 0xff;
            E2eSuite suite = E2eSuite.fromCode(code)
                    .orElseThrow(() -> new OutboxFormatException(Reason.BAD_VALUE, "unknown suite " + code));
            String messageId = messageId(in);
            Instant sentAt = Instant.ofEpochMilli(in.getLong());
            String text = utf8(bytes(in, length(in.getInt(), "text", MAX_TEXT_BYTES)), "text");
            int count = length(in.get() & 0xff, "targets", MAX_TARGETS);
            List<EnvelopeTarget> targets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String user = string(in, "target user", MAX_NAME_BYTES);
                long device = in.getLong();
                Bytes envelope = bytes(in, length(in.getShort() & 0xffff, "envelope", ChatLimits.MAX_ENVELOPE_BYTES));
                targets.add(new EnvelopeTarget(user, device, envelope));
            }
            int redoCount = length(in.get() & 0xff, "sessions", MAX_TARGETS);
            List<Redo> redo = new ArrayList<>(redoCount);
            for (int i = 0; i < redoCount; i++) {
                String file = string(in, "session file", MAX_FILE_NAME_BYTES);
                if (!SESSION_FILE.matcher(file).matches() || file.contains("..")) {
                    throw new OutboxFormatException(Reason.BAD_VALUE, "a session file outside sessions/");
                }
                int length = length(in.getInt(), "session", MAX_SESSION_BYTES);
                byte[] state = new byte[length];
                in.get(state);
                redo.add(new Redo(file, SecretBytes.wrapOwned(state)));
            }
            if (in.hasRemaining()) {
                throw new OutboxFormatException(Reason.TRAILING_BYTES, in.remaining() + " bytes after the last field");
            }
            E2eMessage message = new E2eMessage(peer, fromUser, fromDevice, true, suite, messageId, sentAt, text);
            return new Decoded(new PendingSend(peer, targets, sendId, message, firstTry), redo);
        } catch (BufferUnderflowException e) {
            throw new OutboxFormatException(Reason.TRUNCATED, "ends before its last field");
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new OutboxFormatException(Reason.BAD_VALUE, e.getMessage());
        }
    }

    private static PendingRoomSend room(ByteBuffer in, SendId sendId, Instant firstTry) throws OutboxFormatException {
        String room = string(in, "room", MAX_NAME_BYTES);
        String fromUser = string(in, "from_user", MAX_NAME_BYTES);
        long fromDevice = in.getLong();
        String messageId = messageId(in);
        long epoch = in.getLong();
        Instant sentAt = Instant.ofEpochMilli(in.getLong());
        String text = utf8(bytes(in, length(in.getInt(), "text", MAX_TEXT_BYTES)), "text");
        Bytes envelope = bytes(in, length(in.getInt(), "envelope", MAX_ROOM_ENVELOPE_BYTES));
        if (in.hasRemaining()) {
            throw new OutboxFormatException(Reason.TRAILING_BYTES, in.remaining() + " bytes after the last field");
        }
        return new PendingRoomSend(room, envelope, sendId,
                new E2eRoomMessage(room, fromUser, fromDevice, true, messageId, 0, epoch, sentAt, text), firstTry);
    }

    private static PendingPlainSend plainRoom(ByteBuffer in, SendId sendId, Instant firstTry) throws OutboxFormatException {
        String room = string(in, "room", MAX_NAME_BYTES);
        String text = utf8(bytes(in, length(in.getInt(), "text", MAX_PLAIN_TEXT_BYTES)), "text");
        if (in.hasRemaining()) {
            throw new OutboxFormatException(Reason.TRAILING_BYTES, in.remaining() + " bytes after the last field");
        }
        return new PendingPlainSend(room, text, sendId, firstTry);
    }

    private static String messageId(ByteBuffer in) throws OutboxFormatException {
        String messageId = string(in, "message_id", MAX_MESSAGE_ID_CHARS);
        if (messageId.isEmpty() || messageId.length() % 2 != 0 || !messageId.chars().allMatch(HexFormat::isHexDigit)) {
            throw new OutboxFormatException(Reason.BAD_VALUE, "message_id is not hex");
        }
        return messageId;
    }

    private static int length(int length, String field, int max) throws OutboxFormatException {
        if (length < 0 || length > max) {
            throw new OutboxFormatException(Reason.OVER_LIMIT, field + " of " + Integer.toUnsignedString(length)
                    + ", more than " + max);
        }
        return length;
    }

    private static Bytes bytes(ByteBuffer in, int length) {
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] value = new byte[length];
        in.get(value);
        return Bytes.wrapOwned(value);
    }

    private static String string(ByteBuffer in, String field, int max) throws OutboxFormatException {
        return utf8(bytes(in, length(in.getShort() & 0xffff, field, max)), field);
    }

    private static String utf8(Bytes value, String field) throws OutboxFormatException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(value.asReadOnlyBuffer());
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new OutboxFormatException(Reason.BAD_VALUE, field + " is not UTF-8");
        }
    }
}
