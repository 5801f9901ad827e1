package org.parley.cli.chat;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.SequencedSet;

/**
 * Remembers the ids of recently delivered live messages so a sender can wait until its own message
 * has come back from the server (the acknowledgement the issue defines) before reading more input.
 * Without this, a script that sends and then closes stdin could exit before the echo is printed.
 */
final class EchoTracker {
    private static final int REMEMBERED = 4096;

    private final SequencedSet<Long> recent = new LinkedHashSet<>();
    /** Connections since the start: a message sent again after a reconnect may never come back live. */
    private int connection;

    /** Records a delivered message id (called from the client's event thread). */
    synchronized void seen(long id) {
        recent.add(id);
        if (recent.size() > REMEMBERED) {
            recent.removeFirst();
        }
        notifyAll();
    }

    /** The connection now in use, as {@link #await} wants it: taken before a message is sent. */
    synchronized int connection() {
        return connection;
    }

    /**
     * The session reconnected: a wait for a message sent before ends. A message sent again after the
     * reconnect with its send id (PROTOCOL.md 14.5) that the server had stored comes back with its
     * first id only, and the copy was in the rejoined room's history or went to the lost connection.
     */
    synchronized void reconnected() {
        connection++;
        notifyAll();
    }

    /**
     * Waits until {@code id} was seen, the timeout passes, or the session is on another connection
     * than {@code sentOn}; returns whether it was seen.
     */
    synchronized boolean await(long id, int sentOn, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!recent.contains(id) && connection == sentOn) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return recent.contains(id);
    }
}
