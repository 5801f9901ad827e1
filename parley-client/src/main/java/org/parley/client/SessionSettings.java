package org.parley.client;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How a {@link ParleySession} connects and reports.
 *
 * @param client where to connect, what to offer and the pin store
 * @param firstContact asked (through {@code callbacks}) when the server has no pin yet; the handshake waits for the answer
 * @param callbacks runs every {@link SessionListener} call and completes the session's futures,
 *     in order: {@code Platform::runLater} in the desktop, {@code Runnable::run} (the client's event thread) in the terminal
 * @param reconnect the back-off of automatic reconnection; empty for a session that ends with its first connection
 */
public record SessionSettings(ClientOptions client, FirstContactQuestion firstContact, Executor callbacks,
        Optional<Backoff> reconnect) {

    public SessionSettings {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(firstContact, "firstContact");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(reconnect, "reconnect");
    }
}
