package org.parley.server.chat;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request in flight for its session's back-pressure count and bytes ({@link SessionLink#requestStarted},
 * {@link SessionLink#requestFinished}). The lane task holds it while it runs; work that finishes
 * later (a room message waiting for its group commit) takes a second {@link #hold} and releases
 * it when its answer is sent. The session hears {@code requestFinished}, with the bytes it heard in
 * {@code requestStarted}, exactly once, after the last release.
 */
final class RequestTicket {
    private final SessionLink link;
    private final int bytes;
    private final AtomicInteger holders = new AtomicInteger(1);
    private final Runnable finished;

    RequestTicket(SessionLink link, int bytes) {
        this(link, bytes, () -> { });
    }

    /**
     * @param bytes    the request's size as it arrived (its decoded application message)
     * @param finished runs once with the session's {@code requestFinished} (a room's backlog count)
     */
    RequestTicket(SessionLink link, int bytes, Runnable finished) {
        this.link = link;
        this.bytes = bytes;
        this.finished = finished;
        link.requestStarted(bytes);
    }

    /** The request goes on after the current task returns; {@link #release} once it is answered. */
    void hold() {
        holders.incrementAndGet();
    }

    void release() {
        if (holders.decrementAndGet() == 0) {
            finished.run();
            link.requestFinished(bytes);
        }
    }
}
