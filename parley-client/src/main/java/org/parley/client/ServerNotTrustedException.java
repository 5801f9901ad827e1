package org.parley.client;

import org.parley.protocol.identity.Fingerprint;

/**
 * The user did not trust a server met for the first time ({@link FirstContactQuestion} answered
 * no): the connection was closed before the client's Finished was sent, and nothing was pinned.
 * A {@link ParleySession} does not retry after this.
 */
public final class ServerNotTrustedException extends ClientException {
    private final String server;
    private final Fingerprint offered;

    public ServerNotTrustedException(String server, Fingerprint offered) {
        super("first contact with " + server + ", key " + offered + ", not trusted: nothing was pinned");
        this.server = server;
        this.offered = offered;
    }

    /** The server as it would have been pinned, {@code host:port}. */
    public String server() {
        return server;
    }

    /** The fingerprint that was not trusted. */
    public Fingerprint offered() {
        return offered;
    }
}
