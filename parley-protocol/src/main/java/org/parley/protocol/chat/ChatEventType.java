package org.parley.protocol.chat;

import java.util.Optional;

/**
 * The chat event types and their one-byte wire codes (docs/PROTOCOL.md, "Chat messages"). Event
 * codes are 65..90, disjoint from the request codes ({@link ChatRequestType}).
 */
public enum ChatEventType {
    ACCEPTED(65),
    REJECTED(66),
    JOINED_ROOM(67),
    ROOM_LIST(68),
    MEMBER_LIST(69),
    HISTORY_PAGE(70),
    ROOM_MESSAGE(71),
    PRIVATE_MESSAGE(72),
    PRESENCE(73),
    TOPIC_CHANGED(74),
    INVITED(75),
    REMOVED_FROM_ROOM(76),
    NOTICE(77),
    DEVICE_LIST(78),
    PREKEY_COUNTS(79),
    BUNDLE_LIST(80),
    DEVICE_MISMATCH(81),
    ENVELOPE_BATCH(82),
    DEVICE_CHANGED(83),
    ENVELOPE_PAGE(84),
    LOGIN_KEY_LIST(85),
    ROOM_LOG_PAGE(86),
    ROOM_LOG_APPENDED(87),
    PASSWORD_PARAMS(88),
    DEVICE_LISTS(89),
    BUNDLE_LISTS(90);

    /** {@code values()} once: the lookup runs per message, and {@code values()} copies its array each call. */
    private static final ChatEventType[] ALL = values();
    private final int code;

    ChatEventType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of {@code event}; an exhaustive switch, so a new record does not compile without a code. */
    public static ChatEventType of(ChatEvent event) {
        return switch (event) {
            case ChatEvent.Accepted e -> ACCEPTED;
            case ChatEvent.Rejected e -> REJECTED;
            case ChatEvent.JoinedRoom e -> JOINED_ROOM;
            case ChatEvent.RoomList e -> ROOM_LIST;
            case ChatEvent.MemberList e -> MEMBER_LIST;
            case ChatEvent.HistoryPage e -> HISTORY_PAGE;
            case ChatEvent.RoomMessage e -> ROOM_MESSAGE;
            case ChatEvent.PrivateMessage e -> PRIVATE_MESSAGE;
            case ChatEvent.Presence e -> PRESENCE;
            case ChatEvent.TopicChanged e -> TOPIC_CHANGED;
            case ChatEvent.Invited e -> INVITED;
            case ChatEvent.RemovedFromRoom e -> REMOVED_FROM_ROOM;
            case ChatEvent.Notice e -> NOTICE;
            case ChatEvent.DeviceList e -> DEVICE_LIST;
            case ChatEvent.LoginKeyList e -> LOGIN_KEY_LIST;
            case ChatEvent.PrekeyCounts e -> PREKEY_COUNTS;
            case ChatEvent.BundleList e -> BUNDLE_LIST;
            case ChatEvent.DeviceLists e -> DEVICE_LISTS;
            case ChatEvent.BundleLists e -> BUNDLE_LISTS;
            case ChatEvent.DeviceMismatch e -> DEVICE_MISMATCH;
            case ChatEvent.EnvelopeBatch e -> ENVELOPE_BATCH;
            case ChatEvent.DeviceChanged e -> DEVICE_CHANGED;
            case ChatEvent.EnvelopePage e -> ENVELOPE_PAGE;
            case ChatEvent.RoomLogPage e -> ROOM_LOG_PAGE;
            case ChatEvent.RoomLogAppended e -> ROOM_LOG_APPENDED;
            case ChatEvent.PasswordParams e -> PASSWORD_PARAMS;
        };
    }

    /** Looks up a wire code; an unknown code is empty, never a silent default. */
    public static Optional<ChatEventType> fromCode(int code) {
        for (ChatEventType type : ALL) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
