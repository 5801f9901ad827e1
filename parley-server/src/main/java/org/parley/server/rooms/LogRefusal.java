package org.parley.server.rooms;

import org.parley.protocol.chat.ErrorCode;

/**
 * A genesis or appended entry the server refuses: {@code log_conflict} (stale seq) or
 * {@code log_rejected}; the message is the detail sent to the client and names no secret.
 */
public final class LogRefusal extends Exception {
    private final ErrorCode code;

    LogRefusal(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
