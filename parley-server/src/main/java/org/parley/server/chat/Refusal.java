package org.parley.server.chat;

import org.parley.protocol.chat.ErrorCode;

/** A request the server refuses; becomes a {@code Rejected(requestId, code, detail)} answer. */
final class Refusal extends Exception {
    private final ErrorCode code;

    Refusal(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
