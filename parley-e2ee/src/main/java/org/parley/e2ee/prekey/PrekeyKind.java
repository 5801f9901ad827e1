package org.parley.e2ee.prekey;

import java.util.Optional;

/** The four kinds of prekey record of the wire contract; the code is the record's first byte. */
public enum PrekeyKind {
    SIGNED_X25519(1, 32),
    ONE_TIME_X25519(2, 32),
    ONE_TIME_MLKEM768(3, 1184),
    LAST_RESORT_MLKEM768(4, 1184);

    private final int code;
    private final int publicKeyLength;

    PrekeyKind(int code, int publicKeyLength) {
        this.code = code;
        this.publicKeyLength = publicKeyLength;
    }

    public int code() {
        return code;
    }

    public int publicKeyLength() {
        return publicKeyLength;
    }

    /** Exact length of a record of this kind: kind, key id, public key, signature. */
    public int recordLength() {
        return 1 + 4 + publicKeyLength + 64;
    }

    public boolean isKem() {
        return this == ONE_TIME_MLKEM768 || this == LAST_RESORT_MLKEM768;
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
