package org.parley.client;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.parley.protocol.chat.SendId;

/**
 * Messages sent once (docs/PROTOCOL.md 14.5, "Sending once") until their answer is seen. Each
 * gets a fresh {@link SendId}; if its answer is lost (the connection ended, or the request timed
 * out) it is kept, and sent again with the same id and bytes on the same connection if it is still
 * open, else after the next reconnect, in the order the messages were first sent. The server
 * answers a repeat of a stored message with the id it was stored under and stores nothing, so a
 * message is never posted twice; a message the server never got is stored then.
 *
 * <p>A message without an answer {@link #CONFIRM_WITHIN} after it was first sent, or still waiting
 * when the session closes, fails with {@link SendNotConfirmedException}: it may or may not have
 * been stored. The bound is half the 10 minutes a server remembers send ids, so a repeat is never
 * sent after the server may have forgotten the first. A refusal (the server's {@code Rejected}) or
 * a request never written ({@link RequestQueueFullException}) fails at once, as before.
 *
 * <p>A message may also be kept on disk ({@link Keeping}: the device's outbox, docs/E2EE.md 20.3):
 * it is written there before its request, deleted once it has a definite outcome (stored,
 * refused, or not confirmed within the bound), and left there when the session closes first: it
 * then fails with a {@link SendNotConfirmedException} that says it is
 * {@linkplain SendNotConfirmedException#keptForNextStart() kept for the next start}, which
 * {@link #restore restores} it.
 *
 * <p>Thread-safe. Generic in the connection so that its rules are tested without one.
 *
 * @param <C> the connection type ({@link ParleyClient} in a session)
 */
final class Outbox<C> {
    /** How long a message is sent again before it fails as not confirmed. */
    static final Duration CONFIRM_WITHIN = Duration.ofMinutes(5);

    private final Clock clock;
    private final SecureRandom random;
    private final Predicate<C> connected;
    /** In the order the messages were first sent (whatever order their answers were lost in). */
    private final List<Pending<C>> waiting = new ArrayList<>();
    /**
     * Held while a message is first written on the live connection and while {@link #connected}
     * writes the waiting ones, so that a new message never overtakes those (a connection's event
     * thread, which completes answers, never takes it).
     */
    private final Object sendOrder = new Object();
    private long sent;
    private boolean closed;
    private volatile C live;

    /**
     * @param connected whether a connection is still open (a timed-out message is sent again on it at once)
     */
    Outbox(Clock clock, SecureRandom random, Predicate<C> connected) {
        this.clock = clock;
        this.random = random;
        this.connected = connected;
    }

    /**
     * Sends a message with {@code send} (the connection, a fresh send id: the request's answer) on
     * the live connection (while there is none it waits for the next), and completes with the id
     * the server stored it under.
     */
    CompletableFuture<Long> send(BiFunction<C, SendId, CompletableFuture<Long>> send) {
        return send(send, Keeping.MEMORY);
    }

    /** As {@link #send(BiFunction)}, kept by {@code keeping} before the request is written. */
    CompletableFuture<Long> send(BiFunction<C, SendId, CompletableFuture<Long>> send, Keeping keeping) {
        long sequence;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new ConnectionFailedException("the session is closed"));
            }
            sequence = sent++;
        }
        SendId sendId = SendId.random(random);
        Instant firstTry = clock.instant();
        CompletableFuture<Long> answer = new CompletableFuture<>();
        keeping.keep(sendId, firstTry, kept -> go(new Pending<>(sequence, sendId, send, firstTry, answer, kept)),
                answer::completeExceptionally);
        return answer;
    }

    /**
     * A message kept on disk by an earlier session ({@code kept}), with its send id and first try:
     * waits, in the order of the calls and before every message sent after, for the next
     * {@link #connected} (expired then if it was first tried {@link #CONFIRM_WITHIN} ago or more).
     */
    CompletableFuture<Long> restore(BiFunction<C, SendId, CompletableFuture<Long>> send, SendId sendId, Instant firstTry,
            Kept kept) {
        long sequence;
        synchronized (this) {
            sequence = sent++;
        }
        Pending<C> pending = new Pending<>(sequence, sendId, send, firstTry, new CompletableFuture<>(), kept);
        go(pending);
        return pending.answer();
    }

    /** Sends {@code pending} on the live connection, or keeps it for the next. */
    private void go(Pending<C> pending) {
        synchronized (sendOrder) {
            C connection = live;
            if (connection == null) {
                keep(pending, null);
            } else {
                attempt(connection, pending);
            }
        }
    }

    /** A new connection is ready (logged in, rooms rejoined): every waiting message is sent again on it, in order. */
    void connected(C connection) {
        synchronized (sendOrder) {
            List<Pending<C>> due;
            synchronized (this) {
                live = connection;
                due = List.copyOf(waiting);
                waiting.clear();
            }
            for (Pending<C> pending : due) {
                if (expired(pending)) {
                    expiredUnconfirmed(pending);
                } else {
                    attempt(connection, pending);
                }
            }
        }
    }

    /** The live connection was lost: new messages wait for the next one. */
    synchronized void disconnected() {
        live = null;
    }

    /** Fails the waiting messages sent {@link #CONFIRM_WITHIN} ago or more (called while the session reconnects). */
    void expire() {
        List<Pending<C>> expired = new ArrayList<>();
        synchronized (this) {
            waiting.removeIf(pending -> expired(pending) && expired.add(pending));
        }
        expired.forEach(p -> expiredUnconfirmed(p));
    }

    /** The session ended: every waiting message fails, and every later one. */
    void close() {
        List<Pending<C>> left;
        synchronized (this) {
            closed = true;
            live = null;
            left = List.copyOf(waiting);
            waiting.clear();
        }
        left.forEach(p -> abandon(p));
    }

    /** Messages waiting for a connection; for tests. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void attempt(C connection, Pending<C> pending) {
        CompletableFuture<Long> answer;
        try {
            answer = pending.send().apply(connection, pending.sendId());
        } catch (RuntimeException e) {
            pending.kept().settled();
            pending.answer().completeExceptionally(e);
            return;
        }
        answer.whenComplete((id, failure) -> {
            if (failure == null) {
                pending.kept().settled();
                pending.answer().complete(id);
                return;
            }
            Throwable cause = Failures.cause(failure);
            if (!outcomeUnknown(cause)) {
                pending.kept().settled();
                pending.answer().completeExceptionally(cause);
            } else if (expired(pending)) {
                expiredUnconfirmed(pending);
            } else if (cause instanceof TimeoutException && connected.test(connection)) {
                attempt(connection, pending); // the server is slow, not gone: a repeat is answered with the first's outcome
            } else {
                keep(pending, connection);
            }
        });
    }

    /**
     * True when the request may have reached the server without its answer reaching us: the
     * connection ended or the answer timed out. A server's refusal, a request never written and a
     * request that could not be encoded are known outcomes.
     */
    static boolean outcomeUnknown(Throwable cause) {
        return cause instanceof TimeoutException || (cause instanceof ClientException
                && !(cause instanceof RequestFailedException) && !(cause instanceof RequestQueueFullException));
    }

    /**
     * Keeps {@code pending} for the next connection; if a newer one than {@code failed} is already
     * live (the answer was lost after it was connected), sends it again there now instead.
     */
    private void keep(Pending<C> pending, C failed) {
        C now;
        boolean ended;
        synchronized (this) {
            now = live;
            ended = closed;
            if (!ended && (now == null || now == failed)) {
                int at = waiting.size();
                while (at > 0 && waiting.get(at - 1).sequence() > pending.sequence()) {
                    at--;
                }
                waiting.add(at, pending);
                return;
            }
        }
        if (ended) {
            abandon(pending);
        } else {
            attempt(now, pending);
        }
    }

    private boolean expired(Pending<C> pending) {
        return !clock.instant().isBefore(pending.firstSent().plus(CONFIRM_WITHIN));
    }

    /** Not answered within the bound: never sent again, by this session or a later one. */
    private static void expiredUnconfirmed(Pending<?> pending) {
        pending.kept().settled();
        pending.answer().completeExceptionally(new SendNotConfirmedException(CONFIRM_WITHIN));
    }

    /** The session ended before an answer: a message kept on disk stays there for the next start. */
    private static void abandon(Pending<?> pending) {
        pending.answer().completeExceptionally(new SendNotConfirmedException(CONFIRM_WITHIN, pending.kept().onDisk()));
    }

    /** Where a message is kept until it has a definite outcome, and its end there. */
    interface Kept {
        /** A message kept in memory only. */
        Kept NOWHERE = new Kept() {
            @Override
            public void settled() {
            }

            @Override
            public boolean onDisk() {
                return false;
            }
        };

        /** It has a definite outcome (stored, refused, or not confirmed within the bound): it is never sent again. */
        void settled();

        /** Whether it outlives the session (then a later start sends it again). */
        boolean onDisk();
    }

    /** Keeps a new message before its request is written. */
    @FunctionalInterface
    interface Keeping {
        /** Memory only: the message goes on at once, on the caller's thread. */
        Keeping MEMORY = (sendId, firstTry, kept, failed) -> kept.accept(Kept.NOWHERE);

        /**
         * Keeps the message with {@code sendId}, then hands its {@link Kept} to {@code kept}, which
         * sends it (a keeping that runs on a thread of its own calls {@code kept} there, in the
         * order of the messages); or, not kept, fails it with {@code failed}: it is not sent.
         */
        void keep(SendId sendId, Instant firstTry, Consumer<Kept> kept, Consumer<Throwable> failed);
    }

    private record Pending<C>(long sequence, SendId sendId, BiFunction<C, SendId, CompletableFuture<Long>> send, Instant firstSent,
            CompletableFuture<Long> answer, Kept kept) {
    }
}
