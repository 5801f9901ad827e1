package org.parley.client.e2ee.room;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What each room's history holds, read from it once per room and kept up to date as lines are
 * appended: the server ids of its messages (a message whose id is here was handled: a replayed
 * history page is skipped) and the sender and message id of each received one (a copy of a message
 * in the history under another server id is not shown again). Used on the worker thread only.
 */
final class HandledMessages {
    private final RoomStore store;
    private final Map<String, Handled> rooms = new HashMap<>();

    HandledMessages(RoomStore store) {
        this.store = store;
    }

    /** A received message as its sender named it. */
    private record Received(String user, long device, String messageId) {
    }

    private record Handled(Set<Long> serverIds, Set<Received> received) {
    }

    /** The server ids of the room's messages in its history (live: later additions show in it). */
    Set<Long> serverIds(String room) throws IOException {
        return of(room).serverIds();
    }

    /** True if the history holds this received message (its sender's device and message id). */
    boolean holds(E2eRoomMessage message) throws IOException {
        return of(message.room()).received().contains(received(message));
    }

    /** Records a line just appended to the room's history. */
    void appended(E2eRoomMessage message) throws IOException {
        Handled handled = of(message.room());
        handled.serverIds().add(message.serverId());
        if (!message.outgoing()) {
            handled.received().add(received(message));
        }
    }

    private Handled of(String room) throws IOException {
        Handled handled = rooms.get(room);
        if (handled == null) {
            handled = new Handled(new HashSet<>(), new HashSet<>());
            for (E2eRoomMessage message : store.history(room)) {
                handled.serverIds().add(message.serverId());
                if (!message.outgoing()) {
                    handled.received().add(received(message));
                }
            }
            rooms.put(room, handled);
        }
        return handled;
    }

    private static Received received(E2eRoomMessage message) {
        return new Received(message.fromUser(), message.fromDevice(), message.messageId());
    }
}
