package org.parley.server.chat;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How often a busy room's fan-outs may start ({@link CommitReturns}): a fan-out that would start
 * less than {@code intervalNanos} after the room's previous one started is held until that
 * interval has passed, and everything the room's commits make visible meanwhile joins it.
 *
 * <p><b>Why.</b> A room's fan-out queues its messages to every member's connection, and each
 * member's connection is then drained with one socket write, whatever the number of messages: for
 * 100 members about 100 drains, 1–3 ms of event-loop time on a small server. Fan-outs followed the
 * group commits, and commits come as fast as the writer gets the CPU (hundreds a second at
 * moderate load), so a busy room cost 100 drains per commit and the CPU left over turned into more,
 * smaller fan-outs instead of idle time (issue 13, docs/PERFORMANCE.md, branches fanout8 and
 * pace). With a floor on the time between a room's fan-outs the number of drains follows the
 * room's load, not the CPU left over. A fan-out with no other one of its room within the interval
 * runs at once, so a lone message is never held.
 *
 * @param intervalNanos the least time between the starts of a room's fan-outs; 0 paces nothing
 * @param nanoClock a monotonic clock in nanoseconds (tests inject theirs)
 * @param timer runs a held room's lane task once its interval has passed: one timer per held room,
 *              never one per message, and never a sleeping chat thread
 */
record FanOutPacing(long intervalNanos, LongSupplier nanoClock, Timer timer) {
    /**
     * The least time between the starts of a busy room's fan-outs: 2 ms. About one fan-out's own
     * event-loop time for a room of 100 members on the 2-core test machine (100 drains of about
     * 10 µs, 1–3 ms measured in issue 13), so a room's fan-outs take at most about half of a core
     * however fast commits come; short against what a message already waits for before its sender's
     * acknowledgement (the log's fsync, 12 ms in the median there) and against
     * {@link RoomBacklog#MAX_WAIT_MILLIS}, so the pacing itself never makes the backlog refuse.
     */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** Runs a task after a delay, on a thread of its own (never the caller's, never blocking it). */
    @FunctionalInterface
    interface Timer {
        void schedule(Runnable task, long delayNanos);
    }

    FanOutPacing {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("the interval between fan-outs cannot be negative: " + intervalNanos);
        }
    }

    /** No pacing: every fan-out starts as soon as its lane runs it. */
    static FanOutPacing none() {
        return new FanOutPacing(0, System::nanoTime, (task, delay) -> task.run());
    }
}
