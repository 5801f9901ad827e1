package org.parley.server.chat;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request in flight for its session's back-pressure count ({@link SessionLink#requestStarted},
 * {@link SessionLink#requestFinished}). The lane task holds it while it runs; work that finishes
 * later (a room message waiting for its group commit) takes a second {@link #hold} and releases
 * it when its answer is sent. The session hears {@code requestFinished} exactly once, after the
 * last release.
 */
final class RequestTicket {
    private final SessionLink link;
    private final AtomicInteger holders = new AtomicInteger(1);

    RequestTicket(SessionLink link) {
        this.link = link;
        link.requestStarted();
    }

    /** The request goes on after the current task returns; {@link #release} once it is answered. */
    void hold() {
        holders.incrementAndGet();
    }

    void release() {
        if (holders.decrementAndGet() == 0) {
            link.requestFinished();
        }
    }
}
