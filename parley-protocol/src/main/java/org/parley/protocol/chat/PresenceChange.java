package org.parley.protocol.chat;

import java.util.Optional;

/** What changed about a user's presence. */
public enum PresenceChange {
    JOINED(1), LEFT(2), ONLINE(3), OFFLINE(4), KICKED(5), BANNED(6);

    private final int code;

    PresenceChange(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<PresenceChange> fromCode(int code) {
        for (PresenceChange value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
