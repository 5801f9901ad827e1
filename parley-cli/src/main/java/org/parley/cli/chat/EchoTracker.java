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

    /** Records a delivered message id (called from the client's event thread). */
    synchronized void seen(long id) {
        recent.add(id);
        if (recent.size() > REMEMBERED) {
            recent.removeFirst();
        }
        notifyAll();
    }

    /** Waits until {@code id} was seen or the timeout passes; returns whether it was seen. */
    synchronized boolean await(long id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!recent.contains(id)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return true;
    }
}
