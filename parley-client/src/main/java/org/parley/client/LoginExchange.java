package org.parley.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthSucceeded;

/**
 * The one login or registration of a {@link ClientSession}'s connection: the attempt is built and
 * driven on the work thread, its result reaches the caller on the listener thread, and it fails when
 * the request timeout passes (closing the connection) or the connection ends. Whether a login may
 * start at all (the session's phase) is the session's decision.
 */
final class LoginExchange {
    /** A login attempt and the first message it sends. */
    record LoginStart(LoginAttempt attempt, AuthMessage first) {
    }

    /** Builds a login attempt on the work thread. */
    @FunctionalInterface
    interface LoginStarter {
        LoginStart start(CompletableFuture<String> result);
    }

    private final ClientThreads threads;
    private final ClientSession session;
    private final Duration timeout;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile LoginAttempt login;
    private volatile CompletableFuture<String> loginResult;
    private volatile boolean settled;

    LoginExchange(ClientThreads threads, ClientSession session, Duration timeout) {
        this.threads = threads;
        this.session = session;
        this.timeout = timeout;
    }

    /** Claims the connection's one login; false if it was claimed already. */
    boolean claim() {
        return requested.compareAndSet(false, true);
    }

    /** Whether a login was asked for (and not given up before anything was sent). */
    boolean requested() {
        return requested.get();
    }

    /** Whether the login's last step ran: its future's completion is queued on the listener thread. */
    boolean settled() {
        return settled;
    }

    /** Starts the claimed login; {@code secret} is wiped on every path. Completes on the listener thread. */
    CompletableFuture<String> start(LoginStarter starter, SecretBytes secret) {
        CompletableFuture<String> result = new CompletableFuture<>();
        loginResult = result;
        CompletableFuture<String> delivered = new CompletableFuture<>();
        result.whenComplete((name, failure) -> threads.onListenerOrHere(() -> {
            if (failure == null) {
                delivered.complete(name);
            } else {
                delivered.completeExceptionally(failure);
            }
        }));
        Runnable begin = () -> {
            LoginStart start;
            try {
                start = starter.start(result);
            } catch (RuntimeException e) {
                // Nothing was sent (e.g. an invalid user name): the user may try again.
                requested.set(false);
                result.completeExceptionally(e);
                return;
            }
            login = start.attempt();
            session.sendAuth(start.first());
        };
        if (!threads.onWork(begin)) {
            if (secret != null) {
                secret.destroy();
            }
            result.completeExceptionally(new ConnectionFailedException("not connected"));
        }
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((name, failure) -> {
            if (failure instanceof TimeoutException) {
                session.close();
            }
        });
        return delivered;
    }

    /** Hands the server's authentication message to the attempt, on the work thread. */
    void onMessage(AuthMessage message) {
        threads.onWork(() -> {
            LoginAttempt attempt = login;
            if (attempt == null) {
                session.close();
                return;
            }
            attempt.onMessage(message);
            if (message instanceof AuthSucceeded) {
                // The login future's completion is queued on the listener thread by now (see start).
                settled = true;
            }
        });
    }

    /** The connection ended: the attempt and its result fail with {@code cause}, on the work thread. */
    void fail(ClientException cause) {
        threads.onWork(() -> {
            LoginAttempt attempt = login;
            if (attempt != null) {
                attempt.fail(cause);
            }
            CompletableFuture<String> result = loginResult;
            if (result != null) {
                result.completeExceptionally(cause);
            }
        });
    }
}
