package org.parley.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The rooms a {@link ReconnectingClient} rejoins after each reconnect, in the order they were joined. Thread-safe. */
final class RoomTracker {
    private final Set<String> rooms = new LinkedHashSet<>();

    RoomTracker(List<String> initial) {
        rooms.addAll(initial);
    }

    synchronized void add(String room) {
        rooms.add(room);
    }

    synchronized void remove(String room) {
        rooms.remove(room);
    }

    /** Joins every tracked room on {@code client}; completes when all answered. */
    CompletableFuture<Void> rejoin(ParleyClient client) {
        List<String> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(rooms);
        }
        return CompletableFuture.allOf(snapshot.stream().map(client::join).toArray(CompletableFuture[]::new));
    }
}
