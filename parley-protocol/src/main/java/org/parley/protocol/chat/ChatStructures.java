package org.parley.protocol.chat;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Reads and writes the structures nested in chat messages, built from {@link ChatFields}.
 *
 * <pre>
 *   StoredMessage = id:u64 (0..2^63-1) || timestamp_ms:u64 (two's complement)
 *                   || from&lt;1..64&gt;:vector8 || content_type:u8 || body&lt;0..65536&gt;:vector24
 *   RoomInfo      = name&lt;1..64&gt;:vector8 || topic&lt;0..512&gt;:vector16 || visibility:u8
 *                   || encrypted:u8 (0|1) || member_count:u32 || online_count:u32
 *   MemberInfo    = user&lt;1..64&gt;:vector8 || role:u8 || sessions:u32
 *   Conversation  = tag:u8 (1 = room, 2 = user) || name&lt;1..64&gt;:vector8
 * </pre>
 *
 * <p>A TEXT body is strict UTF-8 of at most 16,384 bytes; counts hold 0..2^31-1.
 */
final class ChatStructures {
    private static final int ROOM_TAG = 1;
    private static final int USER_TAG = 2;

    private ChatStructures() {
    }

    static void storedMessage(WireWriter out, StoredMessage message) {
        ChatFields.id(out, message.id());
        out.u64(message.timestampMillis());
        ChatFields.user(out, message.from());
        ChatFields.body(out, message.contentType(), message.body());
    }

    static StoredMessage storedMessage(WireReader in) throws WireFormatException {
        long id = ChatFields.id(in, "message id");
        long timestamp = in.u64();
        String from = ChatFields.user(in);
        ContentType type = ChatFields.contentType(in);
        Bytes body = ChatFields.body(in, type);
        return new StoredMessage(id, timestamp, from, type, body);
    }

    static void roomInfo(WireWriter out, RoomInfo room) {
        ChatFields.room(out, room.name());
        ChatFields.text(out, room.topic(), "topic", ChatLimits.MAX_TOPIC_BYTES);
        out.u8(room.visibility().code());
        out.bool(room.encrypted());
        ChatFields.count(out, room.memberCount());
        ChatFields.count(out, room.onlineCount());
    }

    static RoomInfo roomInfo(WireReader in) throws WireFormatException {
        String name = ChatFields.room(in);
        String topic = ChatFields.text(in, "topic", ChatLimits.MAX_TOPIC_BYTES);
        RoomVisibility visibility = ChatFields.code(in, "room visibility", RoomVisibility::fromCode);
        boolean encrypted = in.bool("encrypted");
        int members = ChatFields.count(in, "member count");
        int online = ChatFields.count(in, "online count");
        return new RoomInfo(name, topic, visibility, encrypted, members, online);
    }

    static void memberInfo(WireWriter out, MemberInfo member) {
        ChatFields.user(out, member.user());
        out.u8(member.role().code());
        ChatFields.count(out, member.sessions());
    }

    static MemberInfo memberInfo(WireReader in) throws WireFormatException {
        String user = ChatFields.user(in);
        Role role = ChatFields.code(in, "role", Role::fromCode);
        int sessions = ChatFields.count(in, "session count");
        return new MemberInfo(user, role, sessions);
    }

    static void conversation(WireWriter out, Conversation conversation) {
        switch (conversation) {
            case Conversation.InRoom c -> {
                out.u8(ROOM_TAG);
                ChatFields.room(out, c.room());
            }
            case Conversation.WithUser c -> {
                out.u8(USER_TAG);
                ChatFields.user(out, c.peer());
            }
        }
    }

    static Conversation conversation(WireReader in) throws WireFormatException {
        int tag = in.u8();
        return switch (tag) {
            case ROOM_TAG -> new Conversation.InRoom(ChatFields.room(in));
            case USER_TAG -> new Conversation.WithUser(ChatFields.user(in));
            default -> throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown conversation tag " + tag);
        };
    }
}
