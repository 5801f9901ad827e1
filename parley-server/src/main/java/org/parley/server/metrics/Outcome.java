package org.parley.server.metrics;

/** How a handshake or a login ended. */
public enum Outcome {
    SUCCESS,
    FAILURE
}
