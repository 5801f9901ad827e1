package org.parley.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.PresenceChange;

/**
 * A session that survives lost connections: after a disconnect it reconnects with
 * {@link Backoff}, logs in again through the caller's {@code login} function and rejoins the
 * rooms it was in. Events of every connection go to one {@link ClientListener}.
 *
 * <p>It gives up, and reports through {@link ClientListener#onDisconnected}, on failures that a
 * retry cannot fix: a changed server key ({@link ServerKeyChangedException}) and a refused login
 * ({@link LoginFailedException}). {@link #close()} stops it for good.
 *
 * <p><b>Security.</b> Re-login goes through the same pinned-key check as the first connection. The
 * login function decides what is kept in memory to log in again (a signing key, or a password the
 * caller holds); this class keeps no credentials of its own.
 */
public final class ReconnectingClient implements AutoCloseable {
    private final ClientOptions options;
    private final ClientListener listener;
    private final Function<ParleyClient, CompletableFuture<String>> login;
    private final Backoff backoff;
    private final RoomTracker rooms;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("parley-client-reconnect").factory());
    private volatile ParleyClient current;
    private volatile boolean closed;
    private final AtomicInteger failedAttempts = new AtomicInteger();

    private ReconnectingClient(ClientOptions options, ClientListener listener,
                               Function<ParleyClient, CompletableFuture<String>> login, Backoff backoff, List<String> rooms) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.login = Objects.requireNonNull(login, "login");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.rooms = new RoomTracker(rooms);
    }

    /**
     * Connects, logs in and joins {@code rooms}, retrying as needed; the future completes after the
     * first successful login (or fails when the first attempt fails permanently).
     *
     * @param login logs a fresh connection in, e.g. {@code c -> c.loginWithKey(user, key)}
     */
    public static CompletableFuture<ReconnectingClient> start(ClientOptions options, ClientListener listener,
            Function<ParleyClient, CompletableFuture<String>> login, Backoff backoff, List<String> rooms) {
        ReconnectingClient client = new ReconnectingClient(options, listener, login, backoff, rooms);
        CompletableFuture<ReconnectingClient> first = new CompletableFuture<>();
        client.attempt(first);
        return first;
    }

    /** The live connection, if there is one now. */
    public Optional<ParleyClient> current() {
        ParleyClient client = current;
        return client != null && client.isConnected() ? Optional.of(client) : Optional.empty();
    }

    /** Joins a room now and after every reconnect. */
    public CompletableFuture<ChatEvent.JoinedRoom> join(String room) {
        rooms.add(room);
        return current().map(client -> client.join(room))
                .orElseGet(() -> CompletableFuture.failedFuture(new ConnectionFailedException("reconnecting")));
    }

    /** Leaves a room and stops rejoining it. */
    public CompletableFuture<Void> leave(String room) {
        rooms.remove(room);
        return current().map(client -> client.leave(room))
                .orElseGet(() -> CompletableFuture.failedFuture(new ConnectionFailedException("reconnecting")));
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        ParleyClient client = current;
        if (client != null) {
            client.close();
        }
    }

    private void attempt(CompletableFuture<ReconnectingClient> first) {
        if (closed) {
            return;
        }
        Forwarder forwarder = new Forwarder();
        ParleyClient.connect(options, forwarder)
                .thenCompose(client -> {
                    current = client;
                    return login.apply(client).thenCompose(name -> rooms.rejoin(client));
                })
                .whenComplete((joined, failure) -> {
                    if (failure == null) {
                        failedAttempts.set(0);
                        forwarder.live = true;
                        first.complete(this);
                        if (!current.isConnected() && forwarder.retryClaimed.compareAndSet(false, true)) {
                            scheduleRetry(new CompletableFuture<>());
                        }
                        return;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof ServerKeyChangedException || cause instanceof LoginFailedException) {
                        closed = true;
                        first.completeExceptionally(cause);
                        listener.onDisconnected("not reconnecting: " + cause.getMessage());
                        return;
                    }
                    ParleyClient failed = current;
                    if (failed != null) {
                        failed.close();
                    }
                    scheduleRetry(first);
                });
    }

    private void scheduleRetry(CompletableFuture<ReconnectingClient> first) {
        if (closed) {
            return;
        }
        long base = backoff.delay(failedAttempts.getAndIncrement()).toMillis();
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            scheduler.schedule(() -> attempt(first), jittered, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // close() won the race: the session is over, nothing to retry.
            first.completeExceptionally(new ConnectionFailedException("closed"));
        }
    }

    /**
     * Passes one connection's events through. Once that connection is live (logged in, rooms
     * rejoined), losing it starts the next attempt; before that, the attempt's own failure does.
     */
    private final class Forwarder implements ClientListener {
        private final AtomicBoolean retryClaimed = new AtomicBoolean();
        private volatile boolean live;

        @Override
        public void onEvent(ChatEvent.Push event) {
            if (event instanceof ChatEvent.RemovedFromRoom removed
                    && (removed.how() == PresenceChange.KICKED || removed.how() == PresenceChange.BANNED)) {
                rooms.remove(removed.room());
            }
            listener.onEvent(event);
        }

        @Override
        public void onDisconnected(String reason) {
            if (closed) {
                listener.onDisconnected(reason);
                return;
            }
            if (live && retryClaimed.compareAndSet(false, true)) {
                listener.onDisconnected(reason + " (reconnecting)");
                scheduleRetry(new CompletableFuture<>());
            }
        }
    }
}
