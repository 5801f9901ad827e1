package org.parley.server.chat;

import org.parley.protocol.chat.ChatEvent;

/**
 * How the chat layer reaches one connection: the network layer implements it. Both methods are
 * safe to call from any thread and never block; delivery happens on the connection's event loop.
 */
public interface SessionLink {

    /** Queues {@code event} for this connection; dropped silently if it has closed already. */
    void deliver(ChatEvent event);

    /**
     * Queues {@code events} as one unit: no event delivered from another thread lands between them
     * (an answer followed by the history it announces, as a join sends them). The default delivers
     * them one by one, for links with a single writer.
     */
    default void deliverAll(java.util.List<ChatEvent> events) {
        events.forEach(this::deliver);
    }

    /** Sends a {@link ChatEvent.Notice} with {@code reason}, then closes the channel gracefully. */
    void close(String reason);
}
