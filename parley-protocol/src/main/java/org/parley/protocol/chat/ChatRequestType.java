package org.parley.protocol.chat;

import java.util.Optional;

/**
 * The chat request types and their one-byte wire codes (docs/PROTOCOL.md, "Chat messages").
 * Request codes are 1..40 and event codes ({@link ChatEventType}) start at 65, so a message sent
 * in the wrong direction never decodes.
 */
public enum ChatRequestType {
    JOIN_ROOM(1),
    LEAVE_ROOM(2),
    CREATE_ROOM(3),
    LIST_ROOMS(4),
    LIST_MEMBERS(5),
    SET_TOPIC(6),
    INVITE(7),
    KICK(8),
    BAN(9),
    UNBAN(10),
    SET_ROLE(11),
    SEND_ROOM_MESSAGE(12),
    SEND_PRIVATE_MESSAGE(13),
    FETCH_HISTORY(14),
    CHANGE_PASSWORD(15),
    ADD_LOGIN_KEY(16),
    REMOVE_LOGIN_KEY(17),
    PING(18),
    ADD_DEVICE(19),
    BIND_DEVICE(20),
    LIST_DEVICES(21),
    REMOVE_DEVICE(22),
    UPLOAD_PREKEYS(23),
    COUNT_PREKEYS(24),
    FETCH_BUNDLES(25),
    SEND_ENVELOPES(26),
    FETCH_ENVELOPES(27),
    ACK_ENVELOPES(28),
    UNINVITE(29),
    LIST_LOGIN_KEYS(30),
    CREATE_ENCRYPTED_ROOM(31),
    APPEND_ROOM_LOG(32),
    FETCH_ROOM_LOG(33),
    SEND_ROOM_KEYS(34),
    GET_PASSWORD_PARAMS(35),
    SET_DELIVERY_OPTIONS(36),
    SEND_ROOM_MESSAGE_ONCE(37),
    SEND_ENVELOPES_ONCE(38),
    LIST_DEVICES_MANY(39),
    FETCH_BUNDLES_MANY(40);

    /** {@code values()} once: the lookup runs per message, and {@code values()} copies its array each call. */
    private static final ChatRequestType[] ALL = values();
    private final int code;

    ChatRequestType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of {@code request}; an exhaustive switch, so a new record does not compile without a code. */
    public static ChatRequestType of(ChatRequest request) {
        return switch (request) {
            case ChatRequest.JoinRoom r -> JOIN_ROOM;
            case ChatRequest.LeaveRoom r -> LEAVE_ROOM;
            case ChatRequest.CreateRoom r -> CREATE_ROOM;
            case ChatRequest.ListRooms r -> LIST_ROOMS;
            case ChatRequest.ListMembers r -> LIST_MEMBERS;
            case ChatRequest.SetTopic r -> SET_TOPIC;
            case ChatRequest.Invite r -> INVITE;
            case ChatRequest.Kick r -> KICK;
            case ChatRequest.Ban r -> BAN;
            case ChatRequest.Unban r -> UNBAN;
            case ChatRequest.SetRole r -> SET_ROLE;
            case ChatRequest.SendRoomMessage r -> r.sendId().isPresent() ? SEND_ROOM_MESSAGE_ONCE : SEND_ROOM_MESSAGE;
            case ChatRequest.SendPrivateMessage r -> SEND_PRIVATE_MESSAGE;
            case ChatRequest.FetchHistory r -> FETCH_HISTORY;
            case ChatRequest.ChangePassword r -> CHANGE_PASSWORD;
            case ChatRequest.AddLoginKey r -> ADD_LOGIN_KEY;
            case ChatRequest.RemoveLoginKey r -> REMOVE_LOGIN_KEY;
            case ChatRequest.Ping r -> PING;
            case ChatRequest.AddDevice r -> ADD_DEVICE;
            case ChatRequest.BindDevice r -> BIND_DEVICE;
            case ChatRequest.ListDevices r -> LIST_DEVICES;
            case ChatRequest.RemoveDevice r -> REMOVE_DEVICE;
            case ChatRequest.UploadPrekeys r -> UPLOAD_PREKEYS;
            case ChatRequest.CountPrekeys r -> COUNT_PREKEYS;
            case ChatRequest.FetchBundles r -> FETCH_BUNDLES;
            case ChatRequest.ListDevicesMany r -> LIST_DEVICES_MANY;
            case ChatRequest.FetchBundlesMany r -> FETCH_BUNDLES_MANY;
            case ChatRequest.SendEnvelopes r -> r.sendId().isPresent() ? SEND_ENVELOPES_ONCE : SEND_ENVELOPES;
            case ChatRequest.FetchEnvelopes r -> FETCH_ENVELOPES;
            case ChatRequest.AckEnvelopes r -> ACK_ENVELOPES;
            case ChatRequest.Uninvite r -> UNINVITE;
            case ChatRequest.ListLoginKeys r -> LIST_LOGIN_KEYS;
            case ChatRequest.CreateEncryptedRoom r -> CREATE_ENCRYPTED_ROOM;
            case ChatRequest.AppendRoomLog r -> APPEND_ROOM_LOG;
            case ChatRequest.FetchRoomLog r -> FETCH_ROOM_LOG;
            case ChatRequest.SendRoomKeys r -> SEND_ROOM_KEYS;
            case ChatRequest.GetPasswordParams r -> GET_PASSWORD_PARAMS;
            case ChatRequest.SetDeliveryOptions r -> SET_DELIVERY_OPTIONS;
        };
    }

    /** Looks up a wire code; an unknown code is empty, never a silent default. */
    public static Optional<ChatRequestType> fromCode(int code) {
        for (ChatRequestType type : ALL) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
