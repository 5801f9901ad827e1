package org.parley.client;

import org.parley.protocol.chat.ErrorCode;

/** The server rejected a chat request; carries its error code and English detail text. */
public final class RequestFailedException extends ClientException {
    private final ErrorCode code;
    private final String detail;

    public RequestFailedException(ErrorCode code, String detail) {
        super(code + ": " + detail);
        this.code = code;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }
}
