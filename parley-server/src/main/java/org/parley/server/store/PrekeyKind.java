package org.parley.server.store;

import java.util.Optional;

/**
 * The kinds of prekey record (docs/PROTOCOL.md, Section 14.8), by their wire code, which is also
 * how the store keeps them. A signed and a last-resort prekey are replaced by an upload; one-time
 * prekeys are added to a pool and each is deleted as it is handed out.
 */
public enum PrekeyKind {
    SIGNED_X25519(1, 32),
    ONE_TIME_X25519(2, 32),
    ONE_TIME_KEM(3, 1184),
    LAST_RESORT_KEM(4, 1184);

    private final int code;
    private final int keyLength;

    PrekeyKind(int code, int keyLength) {
        this.code = code;
        this.keyLength = keyLength;
    }

    public int code() {
        return code;
    }

    /** Length of the public key in a record of this kind. */
    public int keyLength() {
        return keyLength;
    }

    public static Optional<PrekeyKind> fromCode(int code) {
        for (PrekeyKind kind : values()) {
            if (kind.code == code) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
