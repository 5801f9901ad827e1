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
    private final Runnable finished;

    RequestTicket(SessionLink link) {
        this(link, () -> { });
    }

    /** @param finished runs once with the session's {@code requestFinished} (a room's backlog count) */
    RequestTicket(SessionLink link, Runnable finished) {
        this.link = link;
        this.finished = finished;
        link.requestStarted();
    }

    /** The request goes on after the current task returns; {@link #release} once it is answered. */
    void hold() {
        holders.incrementAndGet();
    }

    void release() {
        if (holders.decrementAndGet() == 0) {
            finished.run();
            link.requestFinished();
        }
    }
}
