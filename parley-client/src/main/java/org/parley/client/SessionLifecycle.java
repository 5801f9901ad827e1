package org.parley.client;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.parley.client.e2ee.E2eDevice;
import org.parley.client.e2ee.E2eSettings;
import org.parley.protocol.chat.ChatEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection lifecycle of one {@link ParleySession}: the first attempt (with a first contact
 * settled inside the handshake), the session key, the end-to-end device, the reconnect loop with
 * {@link Backoff}, closing, and reporting {@link SessionListener#onClosed} exactly once. It owns
 * the session's mutable connection state (the live client, the rooms to rejoin, the device); the
 * session's request methods read it through {@link #client()}, {@link #device()} and
 * {@link #rooms()}.
 */
final class SessionLifecycle {
    /** Logged under the session's name, as before this class was split out of it. */
    private static final Logger LOG = LoggerFactory.getLogger(ParleySession.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SessionSettings settings;
    private final SessionListener listener;
    private final String user;
    private final RoomTracker rooms = new RoomTracker();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("parley-session-reconnect").factory());
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final FirstContactConsent firstContact;
    private volatile ParleyClient current;
    private volatile SessionKey key;
    private volatile String displayName;
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile String closeReason = "closed";
    private volatile E2eDevice e2eDevice;
    /**
     * Room messages sent once, until answered: sent again on the next connection (docs/PROTOCOL.md
     * 14.5). By the end-to-end settings' clock, if any: the one of the device's outbox ({@link RoomTexts}).
     */
    private final Outbox<ParleyClient> outbox;

    SessionLifecycle(SessionSettings settings, SessionListener listener, String user) {
        this.settings = settings;
        this.listener = listener;
        this.user = user;
        this.outbox = new Outbox<>(settings.e2e().map(E2eSettings::clock).orElse(Clock.systemUTC()), new SecureRandom(),
                ParleyClient::isConnected);
        this.firstContact = new FirstContactConsent(settings.firstContact(), settings.callbacks());
    }

    /** The connection now in use (null before the first connect). */
    ParleyClient client() {
        return current;
    }

    /** The end-to-end device, or null when the session has none (yet). */
    E2eDevice device() {
        return e2eDevice;
    }

    /** The end-to-end device, or a failed future with {@link EndToEndException} when the session has none. */
    CompletableFuture<E2eDevice> e2e() {
        E2eDevice device = e2eDevice;
        return device == null
                ? CompletableFuture.failedFuture(new EndToEndException("this session has no end-to-end device"))
                : CompletableFuture.completedFuture(device);
    }

    RoomTracker rooms() {
        return rooms;
    }

    Outbox<ParleyClient> outbox() {
        return outbox;
    }

    String displayName() {
        return displayName;
    }

    SessionKey key() {
        return key;
    }

    boolean reconnects() {
        return settings.reconnect().isPresent() && key != null && !closed;
    }

    /** Completes {@code future} through the caller's callback executor. */
    <T> CompletableFuture<T> onCallbacks(CompletableFuture<T> future) {
        return future.whenCompleteAsync((result, failure) -> { }, settings.callbacks());
    }

    /** Stops reconnecting, removes the session key and closes the connection (see {@link ParleySession#closeAsync}). */
    CompletableFuture<Void> closeAsync(String reason) {
        ParleyClient client;
        synchronized (this) {
            closeReason = reason;
            closed = true;
            scheduler.shutdownNow();
            client = current;
            Connection live = connection;
            if (live == null || !live.live || live.lossClaimed) {
                // No live connection is left to report its end: end here.
                if (client != null && client.isConnected()) {
                    client.close();
                }
                // Only a close that ends the session removes its key here: one after the end (a
                // second close, or after the reconnect gave up on a refused key) has nothing to do.
                boolean endsNow = !ended.get();
                end(reason);
                return endsNow ? KeyFarewell.remove(settings.client(), user, key, CLOSE_WAIT) : CompletableFuture.completedFuture(null);
            }
            if (!client.isConnected()) {
                // Its disconnection is on the way, after its last event; Connection.lost ends the session.
                return CompletableFuture.completedFuture(null);
            }
        }
        SessionKey registered = key;
        CompletableFuture<Void> removed = registered != null
                ? registered.unregister(client).exceptionally(failure -> null)
                        .completeOnTimeout(null, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                : CompletableFuture.completedFuture(null);
        // The connection's disconnection, reported after its last event, ends the session (Connection.lost).
        return removed.thenRunAsync(client::close, command -> Thread.ofVirtual().name("parley-session-close").start(command));
    }

    /** {@link #closeAsync} and wait (bounded) for it. */
    void close() {
        closeAsync("closed").completeOnTimeout(null, 2 * CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Connects and logs in with {@code login}; completes {@code started} with {@code session} through the callback executor. */
    void firstAttempt(Function<ParleyClient, CompletableFuture<String>> login, CompletableFuture<ParleySession> started,
            ParleySession session) {
        firstContact.newAttempt();
        connect().thenCompose(client -> login.apply(client).thenCompose(name -> {
            displayName = name;
            return registerKey(client).thenCompose(ignored -> attachE2e(client));
        })).whenComplete((ignored, failure) -> {
            if (failure == null) {
                RoomTexts.restore(e2eDevice, outbox); // kept ones first, before any the session's user sends
                settings.callbacks().execute(() -> started.complete(session));
                connection.live(current);
                outbox.connected(current);
                return;
            }
            Throwable cause = Failures.cause(failure);
            CompletableFuture<Boolean> question = firstContact.openQuestion();
            if (cause instanceof ConnectionFailedException && question != null && !closed) {
                // The server's handshake deadline ended the connection while the user was asked:
                // wait for the answer, and if it is yes connect again trusting exactly that key.
                question.whenComplete((yes, error) -> {
                    if (Boolean.TRUE.equals(yes)) {
                        firstAttempt(login, started, session);
                    } else {
                        failStart(started, cause);
                    }
                });
                return;
            }
            failStart(started, cause);
        });
    }

    private void failStart(CompletableFuture<ParleySession> started, Throwable cause) {
        closed = true;
        scheduler.shutdownNow();
        ParleyClient client = current;
        if (client != null && client.isConnected()) {
            client.close();
        }
        settings.callbacks().execute(() -> started.completeExceptionally(cause));
    }

    private CompletableFuture<Void> registerKey(ParleyClient client) {
        if (settings.reconnect().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        SessionKey fresh = new SessionKey();
        return fresh.register(client).handle((done, failure) -> {
            if (failure == null) {
                key = fresh;
            } else {
                LOG.info("session key not registered, so this session will not reconnect: {}", Failures.cause(failure).getMessage());
            }
            return null;
        });
    }

    /**
     * Opens this session's end-to-end device on the first login (failing the start when its
     * directory is unsafe or unreadable) and binds or adds it on every login.
     */
    private CompletableFuture<Void> attachE2e(ParleyClient client) {
        if (settings.e2e().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (e2eDevice == null) {
            try {
                e2eDevice = E2eDevice.open(settings.e2e().get(), settings.client().serverName(),
                        client.session().serverFingerprint(), displayName,
                        event -> settings.callbacks().execute(() -> listener.onE2e(event)),
                        event -> settings.callbacks().execute(() -> listener.onRoom(event)));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(new EndToEndException(e.getMessage(), e));
            }
        }
        return e2eDevice.attach(client);
    }

    private CompletableFuture<ParleyClient> connect() {
        Connection attempt = new Connection();
        return ParleyClient.connect(settings.client(), attempt, firstContact).thenApply(client -> {
            current = client;
            connection = attempt;
            return client;
        });
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        outbox.expire(); // a message waiting this long is told not confirmed, even while the server stays away
        SessionKey login = key;
        connect().thenCompose(client -> login.logIn(client, user).thenCompose(name -> attachE2e(client))
                        .thenCompose(ignored -> rooms.rejoin(client::join, settings.reconnect().orElseThrow(), this::dropped))
                        .thenAccept(rejoined -> arrived(client, rejoined)))
                .whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        return;
                    }
                    Throwable cause = Failures.cause(failure);
                    ParleyClient failed = current;
                    if (failed != null && failed.isConnected()) {
                        failed.close();
                    }
                    if (cause instanceof ServerKeyChangedException || cause instanceof ServerNotTrustedException
                            || cause instanceof LoginFailedException) {
                        closed = true;
                        scheduler.shutdownNow();
                        end("not reconnecting: " + cause.getMessage(), Optional.of((ClientException) cause));
                    } else {
                        scheduleReconnect();
                    }
                });
    }

    /**
     * A reconnect attempt logged in and rejoined: the connection goes live, unless the session was
     * closed meanwhile (its end already reported), in which case the connection is closed unused.
     * Under the lock {@link #closeAsync} takes, so a close sees either no live connection or this one.
     */
    private synchronized void arrived(ParleyClient client, List<ChatEvent.JoinedRoom> rejoined) {
        if (closed) {
            LOG.debug("session closed while reconnecting: the new connection is closed");
            client.close();
            return;
        }
        failedAttempts.set(0);
        settings.callbacks().execute(() -> listener.onReconnected(client, rejoined));
        connection.live(client);
        outbox.connected(client); // after the rejoins: a repeat's room takes it again
    }

    /** A room the reconnect could not rejoin for good (refused for a lasting reason): the user is told. */
    private void dropped(String room, RequestFailedException refusal) {
        LOG.info("not rejoining room {}: {}", room, refusal.code());
        settings.callbacks().execute(() -> listener.onRoomDropped(room, refusal));
    }

    private void scheduleReconnect() {
        Optional<Backoff> backoff = settings.reconnect();
        if (closed || backoff.isEmpty()) {
            return;
        }
        long base = backoff.get().delay(failedAttempts.getAndIncrement()).toMillis();
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            scheduler.schedule(this::reconnect, jittered, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("session closed while scheduling a reconnect");
        }
    }

    private void end(String reason) {
        end(reason, Optional.empty());
    }

    /** Ends the session once: {@code cause} is the typed failure that ended it, if one did. */
    private void end(String reason, Optional<ClientException> cause) {
        if (ended.compareAndSet(false, true)) {
            outbox.close();
            E2eDevice device = e2eDevice;
            if (device != null) {
                device.close();
            }
            settings.callbacks().execute(() -> listener.onClosed(reason, cause));
        }
    }

    /**
     * Passes one connection's events on through the callback executor. Once the connection is
     * live (logged in, rooms rejoined), its loss starts the reconnect loop or ends the session;
     * before that, the attempt's own failure decides. Its disconnection is the last thing its event
     * thread reports, so {@link SessionListener#onClosed} reported from here follows every event.
     */
    private final class Connection implements ClientListener {
        private boolean lossClaimed;
        private volatile boolean live;
        private volatile ParleyClient client;

        /** The attempt over {@code connected} succeeded; handles a loss that happened meanwhile. */
        void live(ParleyClient connected) {
            client = connected;
            live = true;
            if (!connected.isConnected()) {
                lost("the connection ended");
            }
        }

        @Override
        public void onEvent(ChatEvent.Push event) {
            E2eDevice device = e2eDevice;
            if (device != null && device.pushed(client != null ? client : current, event)) {
                return;
            }
            if (event instanceof ChatEvent.RemovedFromRoom removed) {
                rooms.remove(removed.room());
            }
            settings.callbacks().execute(() -> listener.onEvent(event));
        }

        @Override
        public void onKeysUpdated(KeyUpdates counts) {
            settings.callbacks().execute(() -> listener.onKeysUpdated(counts));
        }

        @Override
        public void onDisconnected(String reason) {
            if (live) {
                lost(reason);
            }
        }

        private void lost(String reason) {
            synchronized (SessionLifecycle.this) {
                if (lossClaimed) {
                    return;
                }
                lossClaimed = true;
                outbox.disconnected();
                if (closed) {
                    // A loss the server caused keeps the server's reason, even if a close came after it.
                    end(client.closedByClient() ? closeReason : reason);
                    return;
                }
                if (reconnects()) {
                    settings.callbacks().execute(() -> listener.onConnectionLost(reason));
                    scheduleReconnect();
                    return;
                }
                closed = true;
                scheduler.shutdownNow();
                // Under the lock: a closeAsync that sees this loss claimed must find the session ended
                // with the server's reason, not end it first with its own.
                end(reason);
            }
        }
    }
}
