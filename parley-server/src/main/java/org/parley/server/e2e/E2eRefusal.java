package org.parley.server.e2e;

import org.parley.protocol.chat.ErrorCode;

/** An end-to-end request the server refuses; becomes {@code Rejected(request_id, code, detail)}. */
final class E2eRefusal extends Exception {
    private final ErrorCode code;

    E2eRefusal(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
