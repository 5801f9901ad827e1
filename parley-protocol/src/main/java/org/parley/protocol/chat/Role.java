package org.parley.protocol.chat;

import java.util.Optional;

/** A member's role in a room; NONE in global listings. */
public enum Role {
    NONE(0), MEMBER(1), OP(2), OWNER(3);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Role> fromCode(int code) {
        for (Role value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
