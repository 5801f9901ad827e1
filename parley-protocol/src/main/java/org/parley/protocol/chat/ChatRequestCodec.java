package org.parley.protocol.chat;

import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.ScramVerifierCodec;
import org.parley.protocol.chat.ChatRequest.AddLoginKey;
import org.parley.protocol.chat.ChatRequest.Ban;
import org.parley.protocol.chat.ChatRequest.ChangePassword;
import org.parley.protocol.chat.ChatRequest.CreateRoom;
import org.parley.protocol.chat.ChatRequest.FetchHistory;
import org.parley.protocol.chat.ChatRequest.Invite;
import org.parley.protocol.chat.ChatRequest.JoinRoom;
import org.parley.protocol.chat.ChatRequest.Kick;
import org.parley.protocol.chat.ChatRequest.LeaveRoom;
import org.parley.protocol.chat.ChatRequest.ListMembers;
import org.parley.protocol.chat.ChatRequest.ListRooms;
import org.parley.protocol.chat.ChatRequest.Ping;
import org.parley.protocol.chat.ChatRequest.RemoveLoginKey;
import org.parley.protocol.chat.ChatRequest.SendPrivateMessage;
import org.parley.protocol.chat.ChatRequest.SendRoomMessage;
import org.parley.protocol.chat.ChatRequest.SetRole;
import org.parley.protocol.chat.ChatRequest.SetTopic;
import org.parley.protocol.chat.ChatRequest.Unban;
import org.parley.protocol.chat.ChatRequest.Uninvite;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Encodes and decodes the bodies of {@link ChatRequest}s (client to server), after the type byte.
 * Every body starts with {@code request_id:u32}; names, texts and structures are those of
 * {@link ChatFields} and {@link ChatStructures}.
 *
 * <pre>
 *   JoinRoom           (1)  = request_id:u32 || room&lt;1..64&gt;:vector8
 *   LeaveRoom          (2)  = request_id:u32 || room&lt;1..64&gt;:vector8
 *   CreateRoom         (3)  = request_id:u32 || room&lt;1..64&gt;:vector8 || visibility:u8
 *   ListRooms          (4)  = request_id:u32
 *   ListMembers        (5)  = request_id:u32 || has_room:u8 (0|1) || [room&lt;1..64&gt;:vector8]
 *   SetTopic           (6)  = request_id:u32 || room&lt;1..64&gt;:vector8 || topic&lt;0..512&gt;:vector16
 *   Invite             (7)  = request_id:u32 || room&lt;1..64&gt;:vector8 || user&lt;1..64&gt;:vector8
 *   Kick               (8)  = request_id:u32 || room || user || reason&lt;0..512&gt;:vector16
 *   Ban                (9)  = request_id:u32 || room || user || duration_s:u32 (0 = until lifted)
 *                             || reason&lt;0..512&gt;:vector16
 *   Unban              (10) = request_id:u32 || room || user
 *   SetRole            (11) = request_id:u32 || room || user || role:u8
 *   SendRoomMessage    (12) = request_id:u32 || room || content_type:u8 || body&lt;0..65536&gt;:vector24
 *   SendPrivateMessage (13) = request_id:u32 || to_user&lt;1..64&gt;:vector8 || content_type:u8
 *                             || body&lt;0..65536&gt;:vector24
 *   FetchHistory       (14) = request_id:u32 || Conversation || before_id:u64 (0..2^63-1)
 *                             || limit:u16 (1..200)
 *   ChangePassword     (15) = request_id:u32 || current_proof&lt;32..64&gt;:vector8
 *                             || ScramVerifier (as in the auth Register message)
 *   AddLoginKey        (16) = request_id:u32 || algorithm:u16 || public_key&lt;1..2048&gt;:vector16
 *   RemoveLoginKey     (17) = request_id:u32 || algorithm:u16 || public_key&lt;1..2048&gt;:vector16
 *   Ping               (18) = request_id:u32
 *   AddDevice          (19) = see E2eCodec
 *   BindDevice         (20) = request_id:u32 || device_id:u32 (1..2^32-1) || proof:64 bytes
 *   ListDevices        (21) = request_id:u32 || user&lt;1..64&gt;:vector8
 *   RemoveDevice       (22) = request_id:u32 || device_id:u32 (1..2^32-1)
 *   UploadPrekeys      (23) = see E2eCodec
 *   CountPrekeys       (24) = request_id:u32
 *   FetchBundles       (25) = request_id:u32 || user&lt;1..64&gt;:vector8
 *   SendEnvelopes      (26) = see E2eCodec
 *   FetchEnvelopes     (27) = request_id:u32 || after_id:u64 (0..2^63-1)
 *   AckEnvelopes       (28) = see E2eCodec
 *   Uninvite           (29) = request_id:u32 || room&lt;1..64&gt;:vector8 || user&lt;1..64&gt;:vector8
 *   ListLoginKeys      (30) = request_id:u32
 *   CreateEncryptedRoom .. SendRoomKeys (31..34): see RoomLogCodec
 *   GetPasswordParams  (35) = request_id:u32
 *   SetDeliveryOptions (36) = request_id:u32 || flags:u8 (bit 0 = accept batch records, others 0)
 *   SendRoomMessageOnce (37) = request_id:u32 || send_id:16 bytes (not all zeros) || then as SendRoomMessage
 *   SendEnvelopesOnce  (38) = request_id:u32 || send_id:16 bytes (not all zeros) || then as SendEnvelopes
 *   ListDevicesMany    (39) = see E2eBatchCodec
 *   FetchBundlesMany   (40) = see E2eBatchCodec
 * </pre>
 */
final class ChatRequestCodec {
    private ChatRequestCodec() {
    }

    static void encodeBody(WireWriter out, ChatRequest request) {
        out.u32(request.requestId());
        switch (request) {
            case JoinRoom r -> ChatFields.room(out, r.room());
            case LeaveRoom r -> ChatFields.room(out, r.room());
            case CreateRoom r -> {
                ChatFields.room(out, r.room());
                out.u8(r.visibility().code());
            }
            case ListRooms r -> {
                // request id only
            }
            case ListMembers r -> ChatFields.optional(out, r.room(), ChatFields::room);
            case SetTopic r -> {
                ChatFields.room(out, r.room());
                ChatFields.text(out, r.topic(), "topic", ChatLimits.MAX_TOPIC_BYTES);
            }
            case Invite r -> roomAndUser(out, r.room(), r.user());
            case Kick r -> {
                roomAndUser(out, r.room(), r.user());
                reason(out, r.reason());
            }
            case Ban r -> {
                roomAndUser(out, r.room(), r.user());
                out.u32(r.durationSeconds());
                reason(out, r.reason());
            }
            case Unban r -> roomAndUser(out, r.room(), r.user());
            case Uninvite r -> roomAndUser(out, r.room(), r.user());
            case SetRole r -> {
                roomAndUser(out, r.room(), r.user());
                out.u8(r.role().code());
            }
            case SendRoomMessage r -> {
                r.sendId().ifPresent(sendId -> out.fixed(sendId.value()));
                ChatFields.room(out, r.room());
                ChatFields.body(out, r.contentType(), r.body());
            }
            case SendPrivateMessage r -> {
                ChatFields.user(out, r.toUser());
                ChatFields.body(out, r.contentType(), r.body());
            }
            case FetchHistory r -> {
                ChatStructures.conversation(out, r.conversation());
                ChatFields.id(out, r.beforeId());
                if (r.limit() < 1 || r.limit() > ChatLimits.MAX_HISTORY_PAGE) {
                    throw new IllegalArgumentException("history limit must be 1.." + ChatLimits.MAX_HISTORY_PAGE);
                }
                out.u16(r.limit());
            }
            case ChangePassword r -> {
                out.vector8(r.currentProof());
                ScramVerifierCodec.write(out, r.newVerifier());
            }
            case AddLoginKey r -> loginKey(out, r.algorithm(), r.publicKey());
            case RemoveLoginKey r -> loginKey(out, r.algorithm(), r.publicKey());
            case Ping r -> {
                // request id only
            }
            case ChatRequest.ListLoginKeys r -> {
                // request id only
            }
            case ChatRequest.SetDeliveryOptions r -> out.u8(r.flags());
            case ChatRequest.GetPasswordParams r -> {
                // request id only
            }
            case ChatRequest.AddDevice r -> E2eCodec.addDevice(out, r);
            case ChatRequest.BindDevice r -> {
                E2eFields.deviceId(out, r.deviceId());
                E2eFields.proof(out, r.proof());
            }
            case ChatRequest.ListDevices r -> ChatFields.user(out, r.user());
            case ChatRequest.RemoveDevice r -> E2eFields.deviceId(out, r.deviceId());
            case ChatRequest.UploadPrekeys r -> E2eCodec.uploadPrekeys(out, r);
            case ChatRequest.CountPrekeys r -> {
                // request id only
            }
            case ChatRequest.FetchBundles r -> ChatFields.user(out, r.user());
            case ChatRequest.ListDevicesMany r -> E2eBatchCodec.users(out, r.users(), ChatLimits.MAX_USERS_PER_DEVICE_LISTS);
            case ChatRequest.FetchBundlesMany r -> E2eBatchCodec.users(out, r.users(), ChatLimits.MAX_USERS_PER_BUNDLE_LISTS);
            case ChatRequest.SendEnvelopes r -> E2eCodec.sendEnvelopes(out, r);
            case ChatRequest.FetchEnvelopes r -> ChatFields.id(out, r.afterId());
            case ChatRequest.AckEnvelopes r -> E2eCodec.ackEnvelopes(out, r);
            case ChatRequest.CreateEncryptedRoom r -> RoomLogCodec.createEncryptedRoom(out, r);
            case ChatRequest.AppendRoomLog r -> RoomLogCodec.appendRoomLog(out, r);
            case ChatRequest.FetchRoomLog r -> RoomLogCodec.fetchRoomLog(out, r);
            case ChatRequest.SendRoomKeys r -> RoomLogCodec.sendRoomKeys(out, r);
        }
    }

    static ChatRequest decodeBody(WireReader in, ChatRequestType type) throws WireFormatException {
        long id = in.u32();
        return switch (type) {
            case JOIN_ROOM -> new JoinRoom(id, ChatFields.room(in));
            case LEAVE_ROOM -> new LeaveRoom(id, ChatFields.room(in));
            case CREATE_ROOM -> new CreateRoom(id, ChatFields.room(in),
                    ChatFields.code(in, "room visibility", RoomVisibility::fromCode));
            case LIST_ROOMS -> new ListRooms(id);
            case LIST_MEMBERS -> new ListMembers(id, ChatFields.optional(in, "room", ChatFields::room));
            case SET_TOPIC -> new SetTopic(id, ChatFields.room(in), ChatFields.text(in, "topic", ChatLimits.MAX_TOPIC_BYTES));
            case INVITE -> new Invite(id, ChatFields.room(in), ChatFields.user(in));
            case KICK -> new Kick(id, ChatFields.room(in), ChatFields.user(in), reason(in));
            case BAN -> new Ban(id, ChatFields.room(in), ChatFields.user(in), in.u32(), reason(in));
            case UNBAN -> new Unban(id, ChatFields.room(in), ChatFields.user(in));
            case UNINVITE -> new Uninvite(id, ChatFields.room(in), ChatFields.user(in));
            case SET_ROLE -> new SetRole(id, ChatFields.room(in), ChatFields.user(in),
                    ChatFields.code(in, "role", Role::fromCode));
            case SEND_ROOM_MESSAGE, SEND_ROOM_MESSAGE_ONCE -> {
                Optional<SendId> sendId = type == ChatRequestType.SEND_ROOM_MESSAGE_ONCE
                        ? Optional.of(ChatFields.sendId(in)) : Optional.empty();
                String room = ChatFields.room(in);
                ContentType contentType = ChatFields.contentType(in);
                yield new SendRoomMessage(id, room, contentType, ChatFields.body(in, contentType), sendId);
            }
            case SEND_PRIVATE_MESSAGE -> {
                String to = ChatFields.user(in);
                ContentType contentType = ChatFields.contentType(in);
                yield new SendPrivateMessage(id, to, contentType, ChatFields.body(in, contentType));
            }
            case FETCH_HISTORY -> new FetchHistory(id, ChatStructures.conversation(in),
                    ChatFields.id(in, "before id"), historyLimit(in));
            case CHANGE_PASSWORD -> new ChangePassword(id,
                    in.vector8("current password proof", ChatLimits.MIN_PASSWORD_PROOF, ChatLimits.MAX_PASSWORD_PROOF),
                    ScramVerifierCodec.read(in));
            case ADD_LOGIN_KEY -> new AddLoginKey(id, signatureAlgorithm(in), publicKey(in));
            case REMOVE_LOGIN_KEY -> new RemoveLoginKey(id, signatureAlgorithm(in), publicKey(in));
            case PING -> new Ping(id);
            case LIST_LOGIN_KEYS -> new ChatRequest.ListLoginKeys(id);
            case GET_PASSWORD_PARAMS -> new ChatRequest.GetPasswordParams(id);
            case SET_DELIVERY_OPTIONS -> new ChatRequest.SetDeliveryOptions(id, deliveryFlags(in));
            case ADD_DEVICE -> E2eCodec.addDevice(in, id);
            case BIND_DEVICE -> new ChatRequest.BindDevice(id, E2eFields.deviceId(in), E2eFields.proof(in));
            case LIST_DEVICES -> new ChatRequest.ListDevices(id, ChatFields.user(in));
            case REMOVE_DEVICE -> new ChatRequest.RemoveDevice(id, E2eFields.deviceId(in));
            case UPLOAD_PREKEYS -> E2eCodec.uploadPrekeys(in, id);
            case COUNT_PREKEYS -> new ChatRequest.CountPrekeys(id);
            case FETCH_BUNDLES -> new ChatRequest.FetchBundles(id, ChatFields.user(in));
            case LIST_DEVICES_MANY -> new ChatRequest.ListDevicesMany(id,
                    E2eBatchCodec.users(in, ChatLimits.MAX_USERS_PER_DEVICE_LISTS));
            case FETCH_BUNDLES_MANY -> new ChatRequest.FetchBundlesMany(id,
                    E2eBatchCodec.users(in, ChatLimits.MAX_USERS_PER_BUNDLE_LISTS));
            case SEND_ENVELOPES -> E2eCodec.sendEnvelopes(in, id, Optional.empty());
            case SEND_ENVELOPES_ONCE -> E2eCodec.sendEnvelopes(in, id, Optional.of(ChatFields.sendId(in)));
            case FETCH_ENVELOPES -> new ChatRequest.FetchEnvelopes(id, ChatFields.id(in, "after id"));
            case ACK_ENVELOPES -> E2eCodec.ackEnvelopes(in, id);
            case CREATE_ENCRYPTED_ROOM -> RoomLogCodec.createEncryptedRoom(in, id);
            case APPEND_ROOM_LOG -> RoomLogCodec.appendRoomLog(in, id);
            case FETCH_ROOM_LOG -> RoomLogCodec.fetchRoomLog(in, id);
            case SEND_ROOM_KEYS -> RoomLogCodec.sendRoomKeys(in, id);
        };
    }

    private static void roomAndUser(WireWriter out, String room, String user) {
        ChatFields.room(out, room);
        ChatFields.user(out, user);
    }

    private static void reason(WireWriter out, String reason) {
        ChatFields.text(out, reason, "reason", ChatLimits.MAX_TOPIC_BYTES);
    }

    private static String reason(WireReader in) throws WireFormatException {
        return ChatFields.text(in, "reason", ChatLimits.MAX_TOPIC_BYTES);
    }

    private static int deliveryFlags(WireReader in) throws WireFormatException {
        int flags = in.u8();
        if ((flags & ~ChatRequest.SetDeliveryOptions.ACCEPT_BATCH_RECORDS) != 0) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown delivery option bits " + flags);
        }
        return flags;
    }

    private static int historyLimit(WireReader in) throws WireFormatException {
        int limit = in.u16();
        if (limit < 1 || limit > ChatLimits.MAX_HISTORY_PAGE) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "history limit " + limit + " outside 1.."
                    + ChatLimits.MAX_HISTORY_PAGE);
        }
        return limit;
    }

    static void loginKey(WireWriter out, SignatureComponent algorithm, Bytes publicKey) {
        if (publicKey.isEmpty() || publicKey.length() > AuthCodec.MAX_PUBLIC_KEY) {
            throw new IllegalArgumentException("public key must be 1.." + AuthCodec.MAX_PUBLIC_KEY + " bytes");
        }
        out.u16(algorithm.code()).vector16(publicKey);
    }

    static SignatureComponent signatureAlgorithm(WireReader in) throws WireFormatException {
        int code = in.u16();
        return SignatureComponent.fromCode(code).orElseThrow(
                () -> new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown signature algorithm " + code));
    }

    static Bytes publicKey(WireReader in) throws WireFormatException {
        return in.vector16("public key", 1, AuthCodec.MAX_PUBLIC_KEY);
    }
}
