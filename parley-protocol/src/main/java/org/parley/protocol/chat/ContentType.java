package org.parley.protocol.chat;

import java.util.Optional;

/**
 * What a message body holds. Bodies are opaque bytes to the server, so end-to-end encrypted bodies
 * can later travel without server changes.
 */
public enum ContentType {
    /** UTF-8 text, NFC-normalised, at most {@link ChatLimits#MAX_TEXT_BYTES}. */
    TEXT(1),
    /** Reserved for end-to-end encrypted bodies; stored and relayed, never interpreted. */
    OPAQUE(2);

    /** {@code values()} once: the lookup runs per message, and {@code values()} copies its array each call. */
    private static final ContentType[] ALL = values();
    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ContentType> fromCode(int code) {
        for (ContentType type : ALL) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
