package org.parley.protocol.chat;

import java.util.Optional;

/** Whether anyone may join a room or only invited users. */
public enum RoomVisibility {
    PUBLIC(1), PRIVATE(2);

    private final int code;

    RoomVisibility(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<RoomVisibility> fromCode(int code) {
        for (RoomVisibility value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
