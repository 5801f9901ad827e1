package org.parley.client;

import org.parley.protocol.identity.Fingerprint;

/**
 * The server presented a different key from the one pinned for it: the connection was refused.
 *
 * <p><b>Security.</b> This is exactly what a man in the middle looks like, so it is a hard
 * failure, never a prompt. The message explains the risk and how to remove the pin deliberately
 * if the operator really replaced the key.
 */
public final class ServerKeyChangedException extends ClientException {
    private final String server;
    private final Fingerprint pinned;
    private final Fingerprint offered;

    public ServerKeyChangedException(String server, Fingerprint pinned, Fingerprint offered, Throwable cause) {
        super(explain(server, pinned, offered), cause);
        this.server = server;
        this.pinned = pinned;
        this.offered = offered;
    }

    /** The server as pinned, {@code host:port}. */
    public String server() {
        return server;
    }

    public Fingerprint pinned() {
        return pinned;
    }

    public Fingerprint offered() {
        return offered;
    }

    private static String explain(String server, Fingerprint pinned, Fingerprint offered) {
        return "WARNING: the key of " + server + " has CHANGED.\n"
                + "  pinned:  " + pinned + "\n"
                + "  offered: " + offered + "\n"
                + "Someone may be intercepting this connection (a man-in-the-middle attack), so it was refused.\n"
                + "If the server's operator confirms (by another channel) that the key was really replaced,\n"
                + "remove the line for " + server + " from your known-servers file deliberately and connect again.";
    }
}
