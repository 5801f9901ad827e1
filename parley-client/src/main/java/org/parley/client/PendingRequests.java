package org.parley.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.chat.ChatEvent;

/**
 * The requests waiting for their answer, by request id, and the ids themselves: unsigned 32-bit,
 * increasing from 1, wrapping to 1 after 2^32 - 1 (0 is never used).
 *
 * <p>Each future fails with a {@link java.util.concurrent.TimeoutException} after the request
 * timeout and is then forgotten; once {@link #failAll} has run (the connection ended) every new
 * request fails at once. Thread-safe.
 */
final class PendingRequests {
    private static final long MAX_ID = 0xFFFF_FFFFL;

    private final Duration timeout;
    private final Map<Long, CompletableFuture<ChatEvent.Answer>> waiting = new HashMap<>();
    private long lastId;
    private ClientException closedBy;

    PendingRequests(Duration timeout) {
        this.timeout = timeout;
    }

    /** A new request id and the future its answer will complete. */
    synchronized Registration register() {
        lastId = lastId == MAX_ID ? 1 : lastId + 1;
        long id = lastId;
        CompletableFuture<ChatEvent.Answer> future = new CompletableFuture<>();
        if (closedBy != null) {
            future.completeExceptionally(closedBy);
            return new Registration(id, future);
        }
        waiting.put(id, future);
        future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((event, failure) -> forget(id, future));
        return new Registration(id, future);
    }

    /** The future waiting for {@code requestId}'s answer, removed from the table. */
    synchronized Optional<CompletableFuture<ChatEvent.Answer>> take(long requestId) {
        return Optional.ofNullable(waiting.remove(requestId));
    }

    /** Fails every waiting request with {@code cause}, and every later one. */
    void failAll(ClientException cause) {
        List<CompletableFuture<ChatEvent.Answer>> failed;
        synchronized (this) {
            if (closedBy == null) {
                closedBy = cause;
            }
            failed = List.copyOf(waiting.values());
            waiting.clear();
        }
        failed.forEach(future -> future.completeExceptionally(cause));
    }

    private synchronized void forget(long id, CompletableFuture<ChatEvent.Answer> future) {
        waiting.remove(id, future);
    }

    /** A request id and the future of its answer. */
    record Registration(long requestId, CompletableFuture<ChatEvent.Answer> answer) {
    }
}
