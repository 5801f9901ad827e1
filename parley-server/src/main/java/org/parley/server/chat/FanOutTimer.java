package org.parley.server.chat;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The chat service's one thread that starts held fan-outs ({@link FanOutPacing}): it only hands a
 * held room's lane task to the lanes once the room's interval has passed, one timer per held room,
 * never one per message. Its thread exists from the first held fan-out on.
 *
 * <p><b>Closing.</b> {@link #close} lets what it holds run (each at most one interval away) and
 * then stops, so the held fan-outs reach the lanes before they close and are run or handled as
 * any queued lane task; a task handed in after closing runs at once on the caller's thread.
 */
final class FanOutTimer implements FanOutPacing.Timer, AutoCloseable {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("parley-fan-out-timer").daemon(true).factory());

    @Override
    public void schedule(Runnable task, long delayNanos) {
        try {
            timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            task.run(); // closed: start it now rather than lose it
        }
    }

    /** Runs what is held (delayed tasks still run after {@code shutdown}), bounded wait, then stops the thread. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
