package org.parley.client;

import org.parley.protocol.chat.ChatEvent;

/**
 * Receives what the server pushes: messages, presence, topic changes, invitations, notices.
 *
 * <p>Called on one listener thread per client, in the order the server sent the events; answers
 * to requests complete their futures on the same thread, in the same order (so a join's future
 * completes before the history messages that follow it arrive here). Do not block in these
 * methods: a blocked listener stalls every later event and answer of this client.
 */
public interface ClientListener {

    /**
     * An event the server pushed on its own. Answers to requests never come here: they complete
     * the request's future (an answer whose request already timed out is dropped).
     */
    void onEvent(ChatEvent.Push event);

    /**
     * The record keys of this connection were ratcheted (by us, by the server, or automatically when
     * a key's record budget ran out); {@code counts} are the totals since the handshake. Optional.
     */
    default void onKeysUpdated(KeyUpdates counts) {
    }

    /** The connection ended; called once, after every pending future has failed. */
    void onDisconnected(String reason);
}
