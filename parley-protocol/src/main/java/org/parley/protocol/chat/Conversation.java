package org.parley.protocol.chat;

/** A room or a private conversation with one peer. */
public sealed interface Conversation {

    record InRoom(String room) implements Conversation {
    }

    record WithUser(String peer) implements Conversation {
    }
}
