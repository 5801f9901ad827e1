package org.parley.client;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.parley.client.e2ee.E2eSettings;

/**
 * How a {@link ParleySession} connects and reports.
 *
 * @param client where to connect, what to offer and the pin store
 * @param firstContact asked (through {@code callbacks}) when the server has no pin yet; the handshake waits for the answer
 * @param callbacks runs every {@link SessionListener} call and completes the session's futures,
 *     in order: {@code Platform::runLater} in the desktop, {@code Runnable::run} (the client's event thread) in the terminal
 * @param reconnect the back-off of automatic reconnection; empty for a session that ends with its first connection
 * @param e2e where and how this session keeps its end-to-end device; empty: no device, and
 *     {@link ParleySession#sendPrivate} fails (private messages are only ever end to end)
 */
public record SessionSettings(ClientOptions client, FirstContactQuestion firstContact, Executor callbacks,
        Optional<Backoff> reconnect, Optional<E2eSettings> e2e) {

    /** Settings without an end-to-end device (rooms only). */
    public SessionSettings(ClientOptions client, FirstContactQuestion firstContact, Executor callbacks,
            Optional<Backoff> reconnect) {
        this(client, firstContact, callbacks, reconnect, Optional.empty());
    }

    /** These settings with an end-to-end device kept as {@code settings} say. */
    public SessionSettings withE2e(E2eSettings settings) {
        return new SessionSettings(client, firstContact, callbacks, reconnect, Optional.of(settings));
    }

    public SessionSettings {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(firstContact, "firstContact");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(e2e, "e2e");
    }
}
