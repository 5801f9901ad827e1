package org.parley.e2ee.group;

import java.util.Optional;

/**
 * Who may join an encrypted room: only invited users (private, the default), or anyone (public).
 * Fixed in the genesis entry of the membership log.
 */
public enum Visibility {
    PRIVATE(0),
    PUBLIC(1);

    private final int code;

    Visibility(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Visibility> fromCode(int code) {
        for (Visibility visibility : values()) {
            if (visibility.code == code) {
                return Optional.of(visibility);
            }
        }
        return Optional.empty();
    }
}
