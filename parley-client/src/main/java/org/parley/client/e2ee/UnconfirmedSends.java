package org.parley.client.e2ee;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.client.ClientException;
import org.parley.client.ParleyClient;
import org.parley.client.RequestFailedException;
import org.parley.client.RequestQueueFullException;
import org.parley.client.SendNotConfirmedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end sends of one device whose answer was lost (docs/E2EE.md, "Unconfirmed sends"),
 * in the order they were first tried. Their callers' futures stay pending; after the next login,
 * and before each new send, each is sent again with the same send id and bytes (docs/PROTOCOL.md
 * 14.5, "Sending once"), so a message the server stored is not stored twice. One first tried more
 * than {@link #MAX_AGE} ago fails with {@link SendNotConfirmedException}. Every send (private or room) is also
 * in the device's outbox on disk ({@link SendOutbox}): when the device closes its caller's future
 * fails with {@link SendNotConfirmedException}, but the send stays on disk and is
 * {@link #restore restored} here by the next start, its outcome then reported as an
 * {@link E2eEvent.SendSettled} or {@link E2eEvent.RoomSendSettled}. Used on the device's worker thread; {@link #close} may come from
 * any thread.
 */
public final class UnconfirmedSends {
    /**
     * How long after its first try a send is sent again at most: well within the 10 minutes a
     * server remembers a send id (PROTOCOL.md 14.5), so that a repeat comes while the server still
     * remembers its first, across its restarts too (unless it forgot the id past its bounds).
     */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** How soon kept sends go again over a connection that stays up (their request timed out). */
    static final Duration RESEND_AFTER = Duration.ofSeconds(2);
    /** Waiting for one answer on the worker. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(UnconfirmedSends.class);

    private final Clock clock;
    private final Executor onWorker;
    /** The connection the device was last bound on. */
    private volatile ParleyClient attached;
    private final AtomicBoolean resendScheduled = new AtomicBoolean();
    private final List<Send> sends = new ArrayList<>();
    private boolean closed;

    /** @param onWorker runs a task on the device's worker */
    UnconfirmedSends(Clock clock, Executor onWorker) {
        this.clock = clock;
        this.onWorker = onWorker;
    }

    /** The device is bound on {@code client} now (after a login): where kept sends go again while it stays up. */
    void attached(ParleyClient client) {
        attached = client;
    }

    /** One send whose answer was lost. */
    public interface Send {
        /** When it was first tried, by the settings' clock. */
        Instant firstTry();

        /**
         * On the worker, over a connection on which the device is bound: sends it again with the
         * same send id and bytes and completes the caller's future with the outcome; false (the
         * future still pending) when the answer was lost again.
         */
        boolean again(ParleyClient client) throws Exception;

        /** It failed for good (too old, or refused): it is never sent again; the caller is told. */
        void fail(Throwable failure);

        /**
         * The device closes with it unconfirmed: the caller's future fails with
         * {@link SendNotConfirmedException}; a send kept on disk stays there for the next start.
         */
        void abandon();
    }

    /** Keeps {@code send} to be sent again; fails it at once if the device is closed. */
    public void add(Send send) {
        synchronized (this) {
            if (!closed) {
                sends.add(send);
            }
        }
        if (isClosed()) {
            send.abandon();
            return;
        }
        resendSoon();
    }

    /** Keeps {@code send}, read from the device's outbox at its start, to be sent again after the first bind. */
    synchronized void restore(Send send) {
        sends.add(send);
    }

    /** Whether the device is closing: a caller's future failed now says nothing about the send. */
    synchronized boolean closing() {
        return closed;
    }

    /**
     * A send was kept: unless a resend is already due, one runs on the worker {@link #RESEND_AFTER}
     * from now over the connection the device is bound on, if that is still up (its request timed
     * out: the server is slow, not gone), and again after that while some stay kept. A lost
     * connection leaves them to the next login's {@link #resend}, the device's end to {@link #close}.
     */
    private void resendSoon() {
        if (!resendScheduled.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture.delayedExecutor(RESEND_AFTER.toMillis(), TimeUnit.MILLISECONDS).execute(() -> onWorker.execute(() -> {
            resendScheduled.set(false);
            ParleyClient client = attached;
            if (client != null && client.isConnected()) {
                resend(client);
                if (any() && client.isConnected()) {
                    resendSoon();
                }
            }
        }));
    }

    /** Whether any send waits to be sent again. */
    private synchronized boolean any() {
        return !sends.isEmpty();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /**
     * On the worker, after the device was bound on {@code client} and before a new send: sends
     * every kept send again, in order; the ones answered leave, the expired ones fail, the ones
     * lost again stay.
     */
    void resend(ParleyClient client) {
        for (Send send : snapshot()) {
            if (Duration.between(send.firstTry(), clock.instant()).compareTo(MAX_AGE) > 0) {
                remove(send);
                send.fail(new SendNotConfirmedException(MAX_AGE));
                continue;
            }
            try {
                if (send.again(client)) {
                    remove(send);
                }
            } catch (Exception e) {
                LOG.debug("an unconfirmed send failed when sent again: {}", e.getClass().getSimpleName());
                remove(send);
                send.fail(e);
            }
        }
    }

    /** Abandons every kept send: nothing sends them again in this session (the next start does, from disk). */
    void close() {
        List<Send> left;
        synchronized (this) {
            closed = true;
            left = List.copyOf(sends);
            sends.clear();
        }
        left.forEach(Send::abandon);
    }

    private synchronized List<Send> snapshot() {
        return List.copyOf(sends);
    }

    private synchronized void remove(Send send) {
        sends.remove(send);
    }

    /**
     * Waits on the worker for the answer to a send; a failure that is not the server's answer
     * (the connection ended, the request timed out, the device is closing) is thrown as {@link AnswerLost}, every other
     * failure as it is.
     */
    public static <T> T answer(CompletableFuture<T> answer) throws Exception {
        try {
            return answer.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (lost(cause)) {
                throw new AnswerLost(cause);
            }
            throw cause instanceof Exception exception ? exception : e;
        } catch (TimeoutException e) {
            throw new AnswerLost(e);
        } catch (InterruptedException e) {
            // The device is closing (its worker is interrupted): the send stays unconfirmed, and the close fails it.
            Thread.currentThread().interrupt();
            throw new AnswerLost(e);
        }
    }

    /** Not the server's answer: a refusal and a full request queue are, a lost connection or a timeout is not. */
    static boolean lost(Throwable failure) {
        if (failure instanceof RequestFailedException || failure instanceof RequestQueueFullException) {
            return false;
        }
        return failure instanceof ClientException || failure instanceof TimeoutException;
    }

    /** The answer to a send was lost: the server may or may not have stored it. */
    public static final class AnswerLost extends Exception {
        private static final long serialVersionUID = 1L;

        AnswerLost(Throwable cause) {
            super("the answer to a send was lost", cause);
        }
    }
}
