package org.parley.server.chat;

import org.parley.protocol.chat.ChatEvent;

/**
 * How the chat layer reaches one connection: the network layer implements it. Both methods are
 * safe to call from any thread and never block; delivery happens on the connection's event loop.
 */
public interface SessionLink {

    /** Queues {@code event} for this connection; dropped silently if it has closed already. */
    void deliver(ChatEvent event);

    /** Sends a {@link ChatEvent.Notice} with {@code reason}, then closes the channel gracefully. */
    void close(String reason);
}
