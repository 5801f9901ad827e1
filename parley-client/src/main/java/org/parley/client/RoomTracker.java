package org.parley.client;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.parley.protocol.auth.Usernames;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;

/**
 * The rooms a {@link ParleySession} rejoins after each reconnect, in the order they were joined. Thread-safe.
 *
 * <p>Rooms are told apart as the server tells them apart: by their canonical name (NFKC, then
 * lower case, {@link Usernames#canonical}), so a room left under another spelling of its name
 * ("Ｌｏｂｂｙ", a decomposed accent) is no longer rejoined, and one joined twice under two
 * spellings is rejoined once.
 */
final class RoomTracker {
    /** Tries of one rejoin refused for a passing reason before the reconnect attempt is given up. */
    static final int TRANSIENT_TRIES = 5;
    /** The refusals that say "try again later" (PROTOCOL.md 14.7): a rejoin refused so is retried, not dropped. */
    private static final Set<ErrorCode> TRANSIENT = EnumSet.of(ErrorCode.RATE_LIMITED, ErrorCode.SERVER_BUSY, ErrorCode.INTERNAL);

    /** Canonical name to the name as joined, in join order. */
    private final Map<String, String> rooms = new LinkedHashMap<>();

    synchronized void add(String room) {
        rooms.putIfAbsent(Usernames.canonical(room), room);
    }

    synchronized void remove(String room) {
        rooms.remove(Usernames.canonical(room));
    }

    synchronized List<String> snapshot() {
        return List.copyOf(rooms.values());
    }

    /**
     * Joins every tracked room with {@code join}; completes with the rooms joined, in order. A room
     * refused for good (no such room, banned, not permitted...) is dropped from the list and
     * reported to {@code dropped}. A refusal for now ({@code rate_limited}, {@code server_busy},
     * {@code internal}) is tried again after {@code backoff}'s delays, {@link #TRANSIENT_TRIES}
     * times in all; if the last try is refused too, or a join fails otherwise (a timeout, a lost
     * connection), the rejoin fails with that cause and the room stays tracked for the next attempt.
     */
    CompletableFuture<List<ChatEvent.JoinedRoom>> rejoin(Function<String, CompletableFuture<ChatEvent.JoinedRoom>> join,
            Backoff backoff, BiConsumer<String, RequestFailedException> dropped) {
        List<CompletableFuture<Optional<ChatEvent.JoinedRoom>>> joins = new ArrayList<>();
        for (String room : snapshot()) {
            joins.add(rejoinOne(room, join, backoff, dropped, 0));
        }
        return CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new))
                .thenApply(done -> joins.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
    }

    private CompletableFuture<Optional<ChatEvent.JoinedRoom>> rejoinOne(String room,
            Function<String, CompletableFuture<ChatEvent.JoinedRoom>> join, Backoff backoff,
            BiConsumer<String, RequestFailedException> dropped, int attempt) {
        return join.apply(room).handle((joined, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(Optional.of(joined));
            }
            Throwable cause = Failures.cause(failure);
            if (!(cause instanceof RequestFailedException refused)) {
                return CompletableFuture.<Optional<ChatEvent.JoinedRoom>>failedFuture(new CompletionException(cause));
            }
            if (!TRANSIENT.contains(refused.code())) {
                remove(room);
                dropped.accept(room, refused);
                return CompletableFuture.completedFuture(Optional.<ChatEvent.JoinedRoom>empty());
            }
            if (attempt + 1 >= TRANSIENT_TRIES) {
                return CompletableFuture.<Optional<ChatEvent.JoinedRoom>>failedFuture(new CompletionException(refused));
            }
            long wait = backoff.delay(attempt).toMillis();
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS))
                    .thenCompose(waited -> rejoinOne(room, join, backoff, dropped, attempt + 1));
        }).thenCompose(next -> next);
    }
}
