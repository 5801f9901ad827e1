package org.parley.e2ee.group;

import java.util.Optional;

/** A member's role in a room, weakest first; the wire code is one byte. */
public enum Role {
    MEMBER(0),
    OPERATOR(1),
    OWNER(2);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Role> fromCode(int code) {
        for (Role role : values()) {
            if (role.code == code) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** True if this role may act on (kick, ban) a member holding {@code other}. */
    boolean outranks(Role other) {
        return code > other.code;
    }
}
