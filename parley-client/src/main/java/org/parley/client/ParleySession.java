package org.parley.client;

import java.io.IOException;
import java.time.Duration;
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
import java.util.List;
import org.parley.client.e2ee.ContactDevice;
import org.parley.client.e2ee.E2eDevice;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.E2eSettings;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.safety.SafetyNumber;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's session with one server, shared by the terminal and desktop clients: connect, settle a
 * first contact inside the handshake ({@link FirstContactQuestion}), log in, keep the connection
 * alive, and after a lost connection reconnect with {@link Backoff}, log in again with an in-memory
 * {@link SessionKey} and rejoin the rooms. Every callback and every future of the session
 * completes through the caller's executor ({@link SessionSettings#callbacks()}).
 *
 * <p>It gives up, and reports {@link SessionListener#onClosed} once, on what a retry cannot fix: a
 * changed server key, an untrusted first contact, a refused login; also after {@link #close()} and,
 * without {@link SessionSettings#reconnect()}, when the connection ends.
 *
 * <p><b>Security.</b> The password is used for the first login only and never kept: reconnects sign
 * in with the session key, registered right after the first login and removed by {@link #close()}.
 * Every reconnect goes through the same pinned-key check. A first contact the user trusted after the
 * server's handshake deadline closed the connection is trusted on the next attempt only for exactly
 * that fingerprint.
 */
public final class ParleySession implements AutoCloseable {
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
    private volatile ParleyClient current;
    private volatile SessionKey key;
    private volatile String displayName;
    private volatile boolean closed;
    private volatile Fingerprint consented;
    private volatile CompletableFuture<Boolean> openQuestion;
    private volatile Connection connection;
    private volatile String closeReason = "closed";
    private volatile E2eDevice e2eDevice;

    private ParleySession(SessionSettings settings, SessionListener listener, String user) {
        this.settings = settings;
        this.listener = listener;
        this.user = user;
    }

    /**
     * Connects and logs in with {@code login} (a password, a registration or a key), then registers
     * the session key when the session reconnects. Completes (through the callback executor) with
     * the live session, or fails with the first attempt's {@link ClientException}; a connection
     * failure on the first attempt is not retried.
     *
     * @param user the account name, used for the session-key logins of later reconnects
     * @param login logs the first connection in, e.g. {@code c -> c.login(user, password)}
     */
    public static CompletableFuture<ParleySession> start(SessionSettings settings, SessionListener listener, String user,
            Function<ParleyClient, CompletableFuture<String>> login) {
        ParleySession session = new ParleySession(settings, listener, user);
        CompletableFuture<ParleySession> started = new CompletableFuture<>();
        session.firstAttempt(login, started);
        return started;
    }

    /** The connection now in use; it may be closed while the session reconnects (its calls then fail). */
    public ParleyClient client() {
        return current;
    }

    /** The name the server confirmed at the first login (its registered spelling). */
    public String displayName() {
        return displayName;
    }

    /** The rooms joined, in order, as they will be rejoined after a reconnect. */
    public List<String> rooms() {
        return rooms.snapshot();
    }

    /** The login key this session registered for its reconnects, if any: removed again by {@link #closeAsync}. */
    public Optional<RegisteredPublicKey> sessionKey() {
        SessionKey registered = key;
        return registered == null ? Optional.empty() : Optional.of(registered.registered());
    }

    /** True while a lost connection will be re-established automatically. */
    public boolean reconnects() {
        return settings.reconnect().isPresent() && key != null && !closed;
    }

    /** Joins a room now and after every reconnect. */
    public CompletableFuture<ChatEvent.JoinedRoom> join(String room) {
        return tracked(current.join(room));
    }

    /** Creates a room, joins it now and after every reconnect. */
    public CompletableFuture<ChatEvent.JoinedRoom> createRoom(String room, RoomVisibility visibility) {
        return tracked(current.createRoom(room, visibility));
    }

    /** Leaves a room and stops rejoining it. */
    public CompletableFuture<Void> leave(String room) {
        return onCallbacks(current.leave(room).thenRun(() -> rooms.remove(room)));
    }

    private CompletableFuture<ChatEvent.JoinedRoom> tracked(CompletableFuture<ChatEvent.JoinedRoom> joining) {
        return onCallbacks(joining.thenApply(joined -> {
            rooms.add(joined.room().name());
            return joined;
        }));
    }

    private <T> CompletableFuture<T> onCallbacks(CompletableFuture<T> future) {
        return future.whenCompleteAsync((result, failure) -> { }, settings.callbacks());
    }

    // ---- end-to-end private conversations (docs/E2EE.md, "The client") --------------------------

    /**
     * Sends {@code text} to {@code user}, always end to end: encrypted separately to each of the
     * user's devices and to this account's other devices. Completes with the message as stored in
     * the local history; fails with {@link UnacceptedChangesException} for a verified contact whose
     * devices changed, {@link EndToEndException} when no device is set up or a bundle was refused.
     */
    public CompletableFuture<E2eMessage> sendPrivate(String user, String text) {
        return onCallbacks(e2e().thenCompose(device -> device.send(current, user, text)));
    }

    /** The safety number of this account and {@code user} (digits and QR payload), from the keys the server lists now. */
    public CompletableFuture<SafetyNumber> safetyNumber(String user) {
        return onCallbacks(e2e().thenCompose(device -> device.safetyNumber(current, user)));
    }

    /** Marks {@code user} verified with the devices known now: later changes stop sending until accepted. */
    public CompletableFuture<Void> markVerified(String user) {
        return onCallbacks(e2e().thenCompose(device -> device.markVerified(user)));
    }

    /** Accepts the device or identity changes of {@code user} shown so far; sending resumes. */
    public CompletableFuture<Void> acceptChanges(String user) {
        return onCallbacks(e2e().thenCompose(device -> device.acceptChanges(user)));
    }

    /** This account's devices as the server lists them. */
    public CompletableFuture<List<DeviceInfo>> devices() {
        return onCallbacks(e2e().thenCompose(device -> device.ownDevices(current)));
    }

    /** Removes one of this account's devices (its queue and prekeys go with it). */
    public CompletableFuture<Void> removeDevice(long deviceId) {
        return onCallbacks(e2e().thenCompose(device -> device.removeDevice(current, deviceId)));
    }

    /** This device's id on the server (0 before it was added). */
    public long deviceId() {
        return e2eDevice == null ? 0 : e2eDevice.deviceId();
    }

    /** The devices of {@code user} this client knows, with verification and session state. */
    public CompletableFuture<List<ContactDevice>> contactDevices(String user) {
        return onCallbacks(e2e().thenCompose(device -> device.contactDevices(user)));
    }

    /** The ratchet of the session with each of {@code user}'s devices that has one (security panel). */
    public CompletableFuture<List<ContactDevice>> ratchetView(String user) {
        return onCallbacks(e2e().thenCompose(device -> device.contactDevices(user))
                .thenApply(list -> list.stream().filter(d -> d.ratchet().isPresent()).toList()));
    }

    /** The local history of the end-to-end conversation with {@code user}, oldest first. */
    public CompletableFuture<List<E2eMessage>> history(String user) {
        return onCallbacks(e2e().thenCompose(device -> device.history(user)));
    }

    /** The end-to-end suite this session's device offers first. */
    public Optional<E2eSuite> e2eSuite() {
        return settings.e2e().map(E2eSettings::suite);
    }

    private CompletableFuture<E2eDevice> e2e() {
        E2eDevice device = e2eDevice;
        return device == null
                ? CompletableFuture.failedFuture(new EndToEndException("this session has no end-to-end device"))
                : CompletableFuture.completedFuture(device);
    }

    /**
     * Runs a request on the live connection; the result completes through the callback executor.
     * While the session reconnects it fails with {@link ConnectionFailedException}.
     */
    public <T> CompletableFuture<T> call(Function<ParleyClient, CompletableFuture<T>> request) {
        return onCallbacks(request.apply(current));
    }

    /**
     * Stops reconnecting, removes the session key from the account and closes the connection;
     * completes when it is closed. {@link SessionListener#onClosed} follows with {@code reason}.
     */
    public CompletableFuture<Void> closeAsync(String reason) {
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
                end(reason);
                return CompletableFuture.completedFuture(null);
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
    @Override
    public void close() {
        closeAsync("closed").completeOnTimeout(null, 2 * CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private void firstAttempt(Function<ParleyClient, CompletableFuture<String>> login, CompletableFuture<ParleySession> started) {
        openQuestion = null;
        connect().thenCompose(client -> login.apply(client).thenCompose(name -> {
            displayName = name;
            return registerKey(client).thenCompose(ignored -> attachE2e(client));
        })).whenComplete((ignored, failure) -> {
            if (failure == null) {
                settings.callbacks().execute(() -> started.complete(this));
                connection.live(current);
                return;
            }
            Throwable cause = Failures.cause(failure);
            CompletableFuture<Boolean> question = openQuestion;
            if (cause instanceof ConnectionFailedException && question != null && !closed) {
                // The server's handshake deadline ended the connection while the user was asked:
                // wait for the answer, and if it is yes connect again trusting exactly that key.
                question.whenComplete((yes, error) -> {
                    if (Boolean.TRUE.equals(yes)) {
                        firstAttempt(login, started);
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
                        event -> settings.callbacks().execute(() -> listener.onE2e(event)));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(new EndToEndException(e.getMessage(), e));
            }
        }
        return e2eDevice.attach(client);
    }

    private CompletableFuture<ParleyClient> connect() {
        Connection attempt = new Connection();
        return ParleyClient.connect(settings.client(), attempt, this::ask).thenApply(client -> {
            current = client;
            connection = attempt;
            return client;
        });
    }

    /** The first-contact question, asked through the callback executor, remembering a yes for the next attempt. */
    private CompletableFuture<Boolean> ask(String server, SignatureComponent algorithm, Fingerprint offered) {
        if (offered.equals(consented)) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        openQuestion = answer;
        settings.callbacks().execute(() -> settings.firstContact().trust(server, algorithm, offered).whenComplete((yes, failure) -> {
            boolean trusted = failure == null && Boolean.TRUE.equals(yes);
            if (trusted) {
                consented = offered;
            }
            answer.complete(trusted);
        }));
        return answer;
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        SessionKey login = key;
        connect().thenCompose(client -> login.logIn(client, user).thenCompose(name -> attachE2e(client))
                        .thenCompose(ignored -> rooms.rejoin(client))
                        .thenApply(rejoined -> {
                            settings.callbacks().execute(() -> listener.onReconnected(client, rejoined));
                            return client;
                        }))
                .whenComplete((client, failure) -> {
                    if (failure == null) {
                        failedAttempts.set(0);
                        connection.live(client);
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
                        end("not reconnecting: " + cause.getMessage());
                    } else {
                        scheduleReconnect();
                    }
                });
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
        if (ended.compareAndSet(false, true)) {
            E2eDevice device = e2eDevice;
            if (device != null) {
                device.close();
            }
            settings.callbacks().execute(() -> listener.onClosed(reason));
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
            synchronized (ParleySession.this) {
                if (lossClaimed) {
                    return;
                }
                lossClaimed = true;
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
            }
            end(reason);
        }
    }
}
