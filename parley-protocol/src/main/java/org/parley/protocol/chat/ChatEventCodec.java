package org.parley.protocol.chat;

import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.chat.ChatEvent.Accepted;
import org.parley.protocol.chat.ChatEvent.HistoryPage;
import org.parley.protocol.chat.ChatEvent.Invited;
import org.parley.protocol.chat.ChatEvent.JoinedRoom;
import org.parley.protocol.chat.ChatEvent.MemberList;
import org.parley.protocol.chat.ChatEvent.Notice;
import org.parley.protocol.chat.ChatEvent.Presence;
import org.parley.protocol.chat.ChatEvent.PrivateMessage;
import org.parley.protocol.chat.ChatEvent.Rejected;
import org.parley.protocol.chat.ChatEvent.RemovedFromRoom;
import org.parley.protocol.chat.ChatEvent.RoomList;
import org.parley.protocol.chat.ChatEvent.RoomMessage;
import org.parley.protocol.chat.ChatEvent.TopicChanged;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Encodes and decodes the bodies of {@link ChatEvent}s (server to client), after the type byte.
 * Names, texts and structures are those of {@link ChatFields} and {@link ChatStructures}; "room"
 * and "user" are {@code <1..64>:vector8} unless marked {@code <0..64>} (empty = global).
 *
 * <pre>
 *   Accepted        (65) = request_id:u32 || message_id:u64 (0..2^63-1; 0 when not a send)
 *   Rejected        (66) = request_id:u32 || code:u8 || detail&lt;0..1024&gt;:vector16
 *   JoinedRoom      (67) = request_id:u32 || RoomInfo || count:u16 (0..1000) || MemberInfo[count]
 *   RoomList        (68) = request_id:u32 || count:u16 (0..1000) || RoomInfo[count]
 *   MemberList      (69) = request_id:u32 || room&lt;0..64&gt;:vector8 || count:u16 (0..1000)
 *                          || MemberInfo[count]
 *   HistoryPage     (70) = request_id:u32 || Conversation || count:u16 (0..200)
 *                          || StoredMessage[count] || more:u8 (0|1)
 *   RoomMessage     (71) = room || StoredMessage || history:u8 (0|1)
 *   PrivateMessage  (72) = to_user || StoredMessage || history:u8 (0|1)
 *   Presence        (73) = room&lt;0..64&gt;:vector8 || user || change:u8 || online_count:u32
 *   TopicChanged    (74) = room || topic&lt;0..512&gt;:vector16 || by_user
 *   Invited         (75) = room || by_user
 *   RemovedFromRoom (76) = room || by_user || how:u8 (a PresenceChange) || reason&lt;0..512&gt;:vector16
 *   Notice          (77) = text&lt;0..1024&gt;:vector16
 *   DeviceList .. EnvelopePage (78..84): see E2eCodec
 *   RoomLogPage, RoomLogAppended (86, 87): see RoomLogCodec
 *   LoginKeyList    (85) = request_id:u32 || count:u16 (0..16) || (algorithm:u16 || public_key&lt;1..2048&gt;:vector16)[count]
 *   PasswordParams  (88) = request_id:u32 || mechanism:u8 || salt&lt;1..64&gt;:vector8 || iterations:u32 (1..10,000,000)
 *   DeviceLists, BundleLists (89, 90): see E2eBatchCodec
 * </pre>
 */
final class ChatEventCodec {
    private ChatEventCodec() {
    }

    static void encodeBody(WireWriter out, ChatEvent event) {
        switch (event) {
            case Accepted e -> {
                out.u32(e.requestId());
                ChatFields.id(out, e.messageId());
            }
            case Rejected e -> {
                out.u32(e.requestId()).u8(e.code().code());
                detail(out, e.detail());
            }
            case JoinedRoom e -> {
                out.u32(e.requestId());
                ChatStructures.roomInfo(out, e.room());
                members(out, e.members());
            }
            case RoomList e -> {
                out.u32(e.requestId());
                ChatFields.list(out, e.rooms(), ChatLimits.MAX_LIST_ENTRIES, ChatStructures::roomInfo);
            }
            case MemberList e -> {
                out.u32(e.requestId());
                ChatFields.roomOrGlobal(out, e.room());
                members(out, e.members());
            }
            case HistoryPage e -> {
                out.u32(e.requestId());
                ChatStructures.conversation(out, e.conversation());
                ChatFields.list(out, e.messages(), ChatLimits.MAX_HISTORY_PAGE, ChatStructures::storedMessage);
                out.bool(e.more());
            }
            case RoomMessage e -> {
                ChatFields.room(out, e.room());
                ChatStructures.storedMessage(out, e.message());
                out.bool(e.history());
            }
            case PrivateMessage e -> {
                ChatFields.user(out, e.to());
                ChatStructures.storedMessage(out, e.message());
                out.bool(e.history());
            }
            case Presence e -> {
                ChatFields.roomOrGlobal(out, e.room());
                ChatFields.user(out, e.user());
                out.u8(e.change().code());
                ChatFields.count(out, e.onlineCount());
            }
            case TopicChanged e -> {
                ChatFields.room(out, e.room());
                ChatFields.text(out, e.topic(), "topic", ChatLimits.MAX_TOPIC_BYTES);
                ChatFields.user(out, e.by());
            }
            case Invited e -> {
                ChatFields.room(out, e.room());
                ChatFields.user(out, e.by());
            }
            case RemovedFromRoom e -> {
                ChatFields.room(out, e.room());
                ChatFields.user(out, e.by());
                out.u8(e.how().code());
                ChatFields.text(out, e.reason(), "reason", ChatLimits.MAX_TOPIC_BYTES);
            }
            case Notice e -> detail(out, e.text());
            case ChatEvent.LoginKeyList e -> {
                out.u32(e.requestId());
                ChatFields.list(out, e.keys(), ChatLimits.MAX_LOGIN_KEYS,
                        (w, key) -> ChatRequestCodec.loginKey(w, key.algorithm(), key.publicKey()));
            }
            case ChatEvent.PasswordParams e -> {
                out.u32(e.requestId()).u8(e.mechanism().code()).vector8(e.salt()).u32(e.iterations());
            }
            case ChatEvent.DeviceList e -> E2eCodec.deviceList(out, e);
            case ChatEvent.PrekeyCounts e -> E2eCodec.prekeyCounts(out, e);
            case ChatEvent.BundleList e -> E2eCodec.bundleList(out, e);
            case ChatEvent.DeviceLists e -> E2eBatchCodec.deviceLists(out, e);
            case ChatEvent.BundleLists e -> E2eBatchCodec.bundleLists(out, e);
            case ChatEvent.DeviceMismatch e -> E2eCodec.deviceMismatch(out, e);
            case ChatEvent.EnvelopeBatch e -> E2eCodec.envelopeBatch(out, e);
            case ChatEvent.EnvelopePage e -> E2eCodec.envelopePage(out, e);
            case ChatEvent.DeviceChanged e -> E2eCodec.deviceChanged(out, e);
            case ChatEvent.RoomLogPage e -> RoomLogCodec.roomLogPage(out, e);
            case ChatEvent.RoomLogAppended e -> RoomLogCodec.roomLogAppended(out, e);
        }
    }

    static ChatEvent decodeBody(WireReader in, ChatEventType type) throws WireFormatException {
        return switch (type) {
            case ACCEPTED -> new Accepted(in.u32(), ChatFields.id(in, "message id"));
            case REJECTED -> new Rejected(in.u32(), ChatFields.code(in, "error code", ErrorCode::fromCode), detail(in));
            case JOINED_ROOM -> new JoinedRoom(in.u32(), ChatStructures.roomInfo(in), members(in));
            case ROOM_LIST -> new RoomList(in.u32(),
                    ChatFields.list(in, "rooms", ChatLimits.MAX_LIST_ENTRIES, ChatStructures::roomInfo));
            case MEMBER_LIST -> new MemberList(in.u32(), ChatFields.roomOrGlobal(in), members(in));
            case HISTORY_PAGE -> new HistoryPage(in.u32(), ChatStructures.conversation(in),
                    ChatFields.list(in, "messages", ChatLimits.MAX_HISTORY_PAGE, ChatStructures::storedMessage),
                    in.bool("more"));
            case ROOM_MESSAGE -> new RoomMessage(ChatFields.room(in), ChatStructures.storedMessage(in), in.bool("history"));
            case PRIVATE_MESSAGE -> new PrivateMessage(ChatFields.user(in), ChatStructures.storedMessage(in),
                    in.bool("history"));
            case PRESENCE -> new Presence(ChatFields.roomOrGlobal(in), ChatFields.user(in),
                    ChatFields.code(in, "presence change", PresenceChange::fromCode), ChatFields.count(in, "online count"));
            case TOPIC_CHANGED -> new TopicChanged(ChatFields.room(in),
                    ChatFields.text(in, "topic", ChatLimits.MAX_TOPIC_BYTES), ChatFields.user(in));
            case INVITED -> new Invited(ChatFields.room(in), ChatFields.user(in));
            case REMOVED_FROM_ROOM -> new RemovedFromRoom(ChatFields.room(in), ChatFields.user(in),
                    ChatFields.code(in, "removal", PresenceChange::fromCode),
                    ChatFields.text(in, "reason", ChatLimits.MAX_TOPIC_BYTES));
            case NOTICE -> new Notice(detail(in));
            case LOGIN_KEY_LIST -> new ChatEvent.LoginKeyList(in.u32(), ChatFields.list(in, "login keys", ChatLimits.MAX_LOGIN_KEYS,
                    r -> new RegisteredPublicKey(ChatRequestCodec.signatureAlgorithm(r), ChatRequestCodec.publicKey(r))));
            case PASSWORD_PARAMS -> passwordParams(in);
            case DEVICE_LIST -> E2eCodec.deviceList(in);
            case PREKEY_COUNTS -> E2eCodec.prekeyCounts(in);
            case BUNDLE_LIST -> E2eCodec.bundleList(in);
            case DEVICE_LISTS -> E2eBatchCodec.deviceLists(in);
            case BUNDLE_LISTS -> E2eBatchCodec.bundleLists(in);
            case DEVICE_MISMATCH -> E2eCodec.deviceMismatch(in);
            case ENVELOPE_BATCH -> E2eCodec.envelopeBatch(in);
            case DEVICE_CHANGED -> E2eCodec.deviceChanged(in);
            case ENVELOPE_PAGE -> E2eCodec.envelopePage(in);
            case ROOM_LOG_PAGE -> RoomLogCodec.roomLogPage(in);
            case ROOM_LOG_APPENDED -> RoomLogCodec.roomLogAppended(in);
        };
    }

    private static ChatEvent.PasswordParams passwordParams(WireReader in) throws WireFormatException {
        long id = in.u32();
        ScramMechanism mechanism = ChatFields.code(in, "SCRAM mechanism", ScramMechanism::fromCode);
        Bytes salt = in.vector8("salt", 1, AuthCodec.MAX_SALT);
        long iterations = in.u32();
        if (iterations < 1 || iterations > ScramMechanism.MAX_ITERATIONS) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "iteration count out of range");
        }
        return new ChatEvent.PasswordParams(id, mechanism, salt, (int) iterations);
    }

    private static void members(WireWriter out, List<MemberInfo> members) {
        ChatFields.list(out, members, ChatLimits.MAX_LIST_ENTRIES, ChatStructures::memberInfo);
    }

    private static List<MemberInfo> members(WireReader in) throws WireFormatException {
        return ChatFields.list(in, "members", ChatLimits.MAX_LIST_ENTRIES, ChatStructures::memberInfo);
    }

    private static void detail(WireWriter out, String text) {
        ChatFields.text(out, text, "detail", ChatLimits.MAX_DETAIL_BYTES);
    }

    private static String detail(WireReader in) throws WireFormatException {
        return ChatFields.text(in, "detail", ChatLimits.MAX_DETAIL_BYTES);
    }
}
