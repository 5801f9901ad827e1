package org.parley.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;

/**
 * The requests waiting for their answer, by request id, and the ids themselves: unsigned 32-bit,
 * increasing from 1, wrapping to 1 after 2^32 - 1 (0 is never used).
 *
 * <p>A session keeps a window within the server's (docs/PROTOCOL.md 14.7, "Overload": 256 requests in
 * flight per connection): at most
 * {@value #WINDOW} requests written and not yet answered. A request sent while the window is full
 * waits, in order, in a local queue of at most {@value #QUEUE} and is written when an answer (or a
 * timeout) opens the window; a request that finds the queue full too fails at once with
 * {@link RequestQueueFullException}. {@code Ping} bypasses both (the keepalive must get through a
 * busy session, and the server never refuses it as too many in flight); login is not a chat request
 * and never passes here.
 *
 * <p>Each future fails with a {@link java.util.concurrent.TimeoutException} once the request timeout
 * has passed <b>since the request was written</b> (not while it waits in the queue) and is then
 * forgotten, which also opens the window; once {@link #failAll} has run (the connection ended) every
 * queued and every new request fails at once. Thread-safe; requests are written in the order they
 * were sent, under this object's lock (the writer only hands the bytes to the connection).
 */
final class PendingRequests {
    /**
     * Requests written and not answered at most: a quarter of the protocol's 256 (docs/PROTOCOL.md 14.7), far
     * more than a person types, and leaving room for a room message still in flight at the server after its answer.
     */
    static final int WINDOW = 64;
    /** Requests waiting for the window at most, before a request fails with {@link RequestQueueFullException}. */
    static final int QUEUE = 256;
    private static final long MAX_ID = 0xFFFF_FFFFL;

    private final Duration timeout;
    private final int window;
    private final int queueLimit;
    private final Map<Long, CompletableFuture<ChatEvent.Answer>> waiting = new HashMap<>();
    /** The ids of the written requests that count against the window. */
    private final Set<Long> written = new HashSet<>();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long lastId;
    private ClientException closedBy;

    PendingRequests(Duration timeout) {
        this(timeout, WINDOW, QUEUE);
    }

    PendingRequests(Duration timeout, int window, int queueLimit) {
        if (window < 1 || queueLimit < 0) {
            throw new IllegalArgumentException("the window must be at least 1 and the queue at least 0");
        }
        this.timeout = timeout;
        this.window = window;
        this.queueLimit = queueLimit;
    }

    /** A new request id and the future its answer will complete; the request is written by {@link #send}. */
    synchronized Registration register() {
        lastId = lastId == MAX_ID ? 1 : lastId + 1;
        long id = lastId;
        CompletableFuture<ChatEvent.Answer> future = new CompletableFuture<>();
        if (closedBy != null) {
            future.completeExceptionally(closedBy);
            return new Registration(id, future);
        }
        waiting.put(id, future);
        // Forgotten however it ends: answered, timed out, failed, or cancelled by its caller (even while queued).
        future.whenComplete((event, failure) -> forget(id, future));
        return new Registration(id, future);
    }

    /**
     * Writes the registered request {@code requestId} ({@code encoded}) with {@code writer} now if the
     * window has room and nothing waits before it, else queues it; fails it with
     * {@link RequestQueueFullException} if the queue is full. With {@code bypassWindow} (Ping) it is
     * written at once and not counted. A request that already ended (the connection closed) is not written.
     */
    void send(long requestId, Bytes encoded, boolean bypassWindow, Consumer<Bytes> writer) {
        CompletableFuture<ChatEvent.Answer> full;
        synchronized (this) {
            CompletableFuture<ChatEvent.Answer> future = waiting.get(requestId);
            if (future == null) {
                return;
            }
            if (bypassWindow || (queue.isEmpty() && written.size() < window)) {
                write(requestId, future, encoded, writer, !bypassWindow);
                return;
            }
            if (queue.size() < queueLimit) {
                queue.add(new Queued(requestId, encoded, writer));
                return;
            }
            waiting.remove(requestId);
            full = future;
        }
        full.completeExceptionally(new RequestQueueFullException(window, queueLimit));
    }

    /** The future waiting for {@code requestId}'s answer, removed from the table; its answer opens the window. */
    synchronized Optional<CompletableFuture<ChatEvent.Answer>> take(long requestId) {
        CompletableFuture<ChatEvent.Answer> future = waiting.remove(requestId);
        if (written.remove(requestId)) {
            release();
        }
        return Optional.ofNullable(future);
    }

    /** Fails every waiting request, written or queued, with {@code cause}, and every later one. */
    void failAll(ClientException cause) {
        List<CompletableFuture<ChatEvent.Answer>> failed;
        synchronized (this) {
            if (closedBy == null) {
                closedBy = cause;
            }
            failed = List.copyOf(waiting.values());
            waiting.clear();
            written.clear();
            queue.clear();
        }
        failed.forEach(future -> future.completeExceptionally(cause));
    }

    /** Requests written and not answered that count against the window; for tests. */
    synchronized int unanswered() {
        return written.size();
    }

    /** Requests waiting for the window; for tests. */
    synchronized int queued() {
        return queue.size();
    }

    private void write(long id, CompletableFuture<ChatEvent.Answer> future, Bytes encoded, Consumer<Bytes> writer,
            boolean counted) {
        if (counted) {
            written.add(id);
        }
        future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS); // the timeout starts when it is written
        writer.accept(encoded);
    }

    /** Writes the queued requests the window now has room for, oldest first, skipping those that ended meanwhile. */
    private void release() {
        while (!queue.isEmpty() && written.size() < window) {
            Queued next = queue.poll();
            CompletableFuture<ChatEvent.Answer> future = waiting.get(next.requestId());
            if (future != null && !future.isDone()) {
                write(next.requestId(), future, next.encoded(), next.writer(), true);
            }
        }
    }

    private synchronized void forget(long id, CompletableFuture<ChatEvent.Answer> future) {
        waiting.remove(id, future);
        if (written.remove(id)) {
            release(); // timed out or given up: the window is open again, whatever the server does later
        }
    }

    /** A request id and the future of its answer. */
    record Registration(long requestId, CompletableFuture<ChatEvent.Answer> answer) {
    }

    private record Queued(long requestId, Bytes encoded, Consumer<Bytes> writer) {
    }
}
