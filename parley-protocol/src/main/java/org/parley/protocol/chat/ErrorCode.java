package org.parley.protocol.chat;

import java.util.Optional;

/** Why a request was rejected. Clients translate the code; the detail text is English. */
public enum ErrorCode {
    MALFORMED_REQUEST(1),
    NO_SUCH_ROOM(2),
    NO_SUCH_USER(3),
    NOT_A_MEMBER(4),
    NOT_PERMITTED(5),
    BANNED(6),
    ROOM_EXISTS(7),
    INVALID_NAME(8),
    MESSAGE_TOO_LARGE(9),
    RATE_LIMITED(10),
    INVITE_REQUIRED(11),
    WEAK_VERIFIER(12),
    SERVER_BUSY(13),
    INTERNAL(14),
    /** An end-to-end request needs this session bound to one of the account's devices first. */
    DEVICE_REQUIRED(15),
    NO_SUCH_DEVICE(16),
    /** A device proof or a prekey record's signature does not verify. */
    BAD_SIGNATURE(17),
    /** A recipient device's envelope queue, or a device's prekey pool, or the account's device list is full. */
    LIMIT_REACHED(18),
    /** A membership-log entry's seq is not the log's current size; the detail names the size. */
    LOG_CONFLICT(19),
    /** A membership-log entry fails a check; the detail names the reason (a RoomError), never a secret. */
    LOG_REJECTED(20),
    /** The request is not allowed on an encrypted room: use its membership log or an opaque envelope. */
    ENCRYPTED_ROOM(21),
    /** A ChangePassword's proof of the current password is missing or wrong (19..21 belong to encrypted rooms). */
    WRONG_PASSWORD(22);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ErrorCode> fromCode(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
