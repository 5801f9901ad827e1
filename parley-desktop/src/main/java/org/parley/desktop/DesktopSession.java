package org.parley.desktop;

import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.protocol.auth.AuthMethod;

/**
 * A logged-in session and what the security panel tells about its live connection.
 *
 * @param parley the client library's session (reconnects by itself)
 * @param client the connection in use when this record was made
 * @param server the server as pinned, {@code host:port}
 * @param user the display name the server confirmed
 * @param method how the user authenticated on this connection
 * @param pinnedNow true if the server key was trusted for the first time on this connection
 * @param reconnected true if this connection was re-established automatically with the in-memory session key
 */
public record DesktopSession(ParleySession parley, ParleyClient client, String server, String user, AuthMethod method,
        boolean pinnedNow, boolean reconnected) {

    /** The session after an automatic reconnect over {@code fresh}: same server and user, session-key login. */
    public DesktopSession reconnectedWith(ParleyClient fresh) {
        return new DesktopSession(parley, fresh, server, user, AuthMethod.PUBLIC_KEY, false, true);
    }
}
