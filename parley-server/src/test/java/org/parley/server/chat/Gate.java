package org.parley.server.chat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A gate for lane tests: tasks from {@link #blocker} hold their lane until {@link #open} (at most 30 s). */
final class Gate {
    private final CountDownLatch opened = new CountDownLatch(1);

    /** A task that waits, holding its lane, until the gate opens. */
    Runnable blocker() {
        return () -> {
            try {
                opened.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    void open() {
        opened.countDown();
    }
}
