package org.parley.protocol.record;

import java.util.Optional;

/**
 * The content type hidden inside an encrypted record, so an observer cannot tell handshake,
 * alerts, key updates and chat apart (docs/PROTOCOL.md, "Record layer").
 */
public enum InnerType {
    HANDSHAKE(1),
    ALERT(2),
    /** The last (or only) fragment of an application message. */
    APPLICATION_FINAL(3),
    KEY_UPDATE(4),
    /** A fragment of an application message that continues in the next record. */
    APPLICATION_CONTINUED(5),
    /**
     * Several complete application messages in one record ({@link BatchRecords}); only towards a
     * receiver that opted in (docs/PROTOCOL.md, Section 10.5.1).
     */
    APPLICATION_BATCH(6);

    /** {@code values()} once: the lookup runs per record, and {@code values()} copies its array each call. */
    private static final InnerType[] ALL = values();
    private final int code;

    InnerType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<InnerType> fromCode(int code) {
        for (InnerType type : ALL) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
