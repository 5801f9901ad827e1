package org.parley.bench;

import java.util.function.LongSupplier;

/**
 * Waits for a server to stop working off a ladder's last step before its refinement starts. The
 * coarse ladder ends on steps the server did not sustain, and a server may still be busy with them
 * afterwards (an IRC server writing out the send queues of members that were closed, a backlog of
 * fan-out): a refinement started at once measured that leftover work as much as its own rates (in
 * the 2026-12-06 02:19 run ngIRCd's first refined step ran with its core full and a p50 of 659 ms at
 * a rate it had sustained with 0.71 of a core two steps before).
 *
 * <p>The server counts as settled once it used at most {@value #IDLE_CORES} of a core over a window
 * of {@value #WINDOW_MILLIS} ms; the wait gives up after {@value #LIMIT_MILLIS} ms and says so.
 */
final class ServerSettle {
    /** A server using at most this share of a core over a window is idle. */
    static final double IDLE_CORES = 0.05;
    /** The window the share is taken over. */
    static final long WINDOW_MILLIS = 500;
    /** The longest wait. */
    static final long LIMIT_MILLIS = 30_000;

    /** Sleeps for a number of milliseconds (a test's sleeper advances its clock instead). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final LongSupplier serverCpuNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    /**
     * @param serverCpuNanos the server's CPU time so far ({@link ProcessCpu#cpuNanos})
     * @param nanoTime a monotonic clock
     */
    ServerSettle(LongSupplier serverCpuNanos, LongSupplier nanoTime, Sleeper sleeper) {
        this.serverCpuNanos = serverCpuNanos;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** For a real server process. */
    static ServerSettle of(ProcessCpu server) {
        return new ServerSettle(server::cpuNanos, System::nanoTime, Thread::sleep);
    }

    /**
     * Waits until the server was idle over one window, or the limit passed.
     *
     * @return the milliseconds waited, or -1 if the server was still busy at the limit
     */
    long await() throws InterruptedException {
        long start = nanoTime.getAsLong();
        while (true) {
            long cpuBefore = serverCpuNanos.getAsLong();
            long windowStart = nanoTime.getAsLong();
            sleeper.sleep(WINDOW_MILLIS);
            long used = serverCpuNanos.getAsLong() - cpuBefore;
            long now = nanoTime.getAsLong();
            if (used <= IDLE_CORES * (now - windowStart)) {
                return (now - start) / 1_000_000;
            }
            if (now - start >= LIMIT_MILLIS * 1_000_000) {
                return -1;
            }
        }
    }

    /** {@link #await}, then one line for the ladder's log saying how long it took. */
    void awaitAndReport() throws InterruptedException {
        long waited = await();
        if (waited < 0) {
            System.out.printf("# before the refinement the server was still busy after %d s; refined anyway%n",
                    LIMIT_MILLIS / 1000);
        } else {
            System.out.printf("# before the refinement the server settled (idle over %d ms) after %.1f s%n",
                    WINDOW_MILLIS, waited / 1000.0);
        }
    }
}
