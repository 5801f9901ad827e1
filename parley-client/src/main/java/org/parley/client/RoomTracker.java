package org.parley.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.parley.protocol.chat.ChatEvent;

/** The rooms a {@link ParleySession} rejoins after each reconnect, in the order they were joined. Thread-safe. */
final class RoomTracker {
    private final Set<String> rooms = new LinkedHashSet<>();

    synchronized void add(String room) {
        rooms.add(room);
    }

    synchronized void remove(String room) {
        rooms.removeIf(name -> name.equalsIgnoreCase(room));
    }

    synchronized List<String> snapshot() {
        return List.copyOf(rooms);
    }

    /**
     * Joins every tracked room on {@code client}; completes with the rooms joined, in order. A room
     * that can no longer be joined (deleted, banned) is dropped from the list, not retried.
     */
    CompletableFuture<List<ChatEvent.JoinedRoom>> rejoin(ParleyClient client) {
        List<CompletableFuture<Optional<ChatEvent.JoinedRoom>>> joins = new ArrayList<>();
        for (String room : snapshot()) {
            joins.add(client.join(room).handle((joined, failure) -> {
                if (failure == null) {
                    return Optional.of(joined);
                }
                if (Failures.cause(failure) instanceof RequestFailedException) {
                    remove(room);
                    return Optional.empty();
                }
                throw new java.util.concurrent.CompletionException(Failures.cause(failure));
            }));
        }
        return CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new))
                .thenApply(done -> joins.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
    }
}
