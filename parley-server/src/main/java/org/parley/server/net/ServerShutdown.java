package org.parley.server.net;

/** User event: the server is shutting down; the session says so and closes gracefully. */
public record ServerShutdown(String notice) {
}
