package org.parley.protocol.auth;

import java.util.Objects;

/**
 * The server's statement that this connection is now logged in as {@code username}.
 *
 * <p><b>Security.</b> The name is the normalised name the proof was checked against, never a
 * field the client sent unverified; the layers above take the session's identity from here.
 */
public record AuthSucceeded(String username, AuthMethod method) implements AuthMessage {
    public AuthSucceeded {
        Usernames.requireValid(username);
        Objects.requireNonNull(method, "method");
    }

    @Override
    public AuthMessageType type() {
        return AuthMessageType.AUTH_SUCCEEDED;
    }
}
