package org.parley.client;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a ping at a fixed interval once the client is logged in, so that the server's idle
 * timeout (which counts only what the client sends) does not close a quiet session.
 *
 * <p>The timer runs on the connection's event loop and only queues the ping, so it never blocks
 * that loop. A ping left unanswered for the request timeout means the server or the path to it is
 * gone without a close; the connection is then closed, so the user learns of it instead of
 * typing into a dead session.
 */
final class KeepAlive {
    private static final Logger LOG = LoggerFactory.getLogger(KeepAlive.class);

    private final Duration interval;
    private final Supplier<CompletableFuture<Void>> ping;
    private final Runnable onUnanswered;
    private final AtomicLong answered = new AtomicLong();
    private ScheduledFuture<?> timer;
    private boolean stopped;

    /** {@code interval} zero disables the keepalive. */
    KeepAlive(Duration interval, Supplier<CompletableFuture<Void>> ping, Runnable onUnanswered) {
        this.interval = interval;
        this.ping = ping;
        this.onUnanswered = onUnanswered;
    }

    /** Starts the timer on {@code loop}; at most once, and not at all when disabled. */
    synchronized void start(EventLoop loop) {
        if (interval.isZero() || timer != null || stopped) {
            return;
        }
        long millis = interval.toMillis();
        timer = loop.scheduleAtFixedRate(this::send, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Cancels the timer (connection closed or lost); later calls to {@link #start} do nothing. */
    synchronized void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Pings the server answered, for tests and diagnostics. */
    long answered() {
        return answered.get();
    }

    private void send() {
        ping.get().whenComplete((ignored, failure) -> {
            if (failure == null) {
                answered.incrementAndGet();
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                LOG.debug("keepalive not answered in time; closing the connection");
                onUnanswered.run();
            } else {
                // The connection ended (its end is reported to the listener) or is ending.
                LOG.debug("keepalive not sent: {}", cause.getMessage());
            }
        });
    }
}
