package org.parley.server.metrics;

/** Where a connection is in its life: the label of the connections gauge. */
public enum ConnectionPhase {
    /** Accepted; the secure channel's handshake is running. */
    HANDSHAKING,
    /** The secure channel is up; the client has not logged in yet. */
    AUTHENTICATING,
    /** Logged in: chat requests are served. */
    CHATTING
}
