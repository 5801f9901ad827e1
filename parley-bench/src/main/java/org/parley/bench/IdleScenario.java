package org.parley.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Memory per idle authenticated connection and idle CPU: connections are added in steps (for
 * example 1,000 then 10,000 in all), each connected, logged in (Parley: registered; IRC:
 * registered; Redis: connected) and then silent. After each step: the server's RSS and, for a JVM,
 * its live heap after a full GC, both as a difference from the empty server divided by the
 * connections; at the first step, the server's CPU over a quiet window.
 *
 * <p>Before any connection, the server's CPU over a short window of its own ({@link Step#busyBeforePercent}):
 * a peer serves every scenario of a run in one process, and leftover work of an earlier one (in the run
 * of 2026-12-05 11:17 UTC ngIRCd spent a whole core retrying writes to connections an overloaded fan-out
 * step had closed, logging each failure) would otherwise be reported as the cost of idle connections.
 */
final class IdleScenario {
    private IdleScenario() {
    }

    /** Above this share of a core before any connection, the server was not idle and its idle CPU is not reported. */
    static final double BUSY_BEFORE_LIMIT_PERCENT = 5;
    private static final long BEFORE_WINDOW_MILLIS = 3000;
    /** At most this share of a core over half a second counts as quiet before a step's memory is measured. */
    static final double QUIET_PERCENT = 5;
    /** The longest wait for that quiet. */
    static final long QUIET_LIMIT_MILLIS = 60_000;

    /**
     * One step's figures; {@code busyBeforePercent} is the server's CPU before this scenario opened any
     * connection (the same for every step), {@code idleCpuPercent} -1 when not measured at this step.
     */
    record Step(int connections, long heapBytesPerConnection, long rssBytesPerConnection, double idleCpuPercent,
            double busyBeforePercent) {

        /** Whether the idle CPU figure measures idle connections: measured, and the server was quiet before them. */
        boolean idleCpuValid() {
            return idleCpuPercent >= 0 && busyBeforePercent <= BUSY_BEFORE_LIMIT_PERCENT;
        }
    }

    /**
     * @param addConnections connects that many more idle, logged-in connections and returns when they are
     * @param jvm whether the server is a JVM (live heap via jcmd) or not (RSS only)
     */
    static List<Step> run(ProcessCpu server, boolean jvm, List<Integer> totals, double idleSeconds,
            IntConsumer addConnections) throws IOException, InterruptedException {
        double busyBefore = cpuPercent(server, BEFORE_WINDOW_MILLIS);
        long heap0 = jvm ? LiveHeap.bytes(server.pid()) : 0;
        long rss0 = server.rssBytes();
        List<Step> steps = new ArrayList<>();
        int connected = 0;
        for (int total : totals) {
            addConnections.accept(total - connected);
            connected = total;
            // Measured once the server is idle: right after a step's logins it may still be delivering
            // what they caused (the 10,000 step of the 14:14 run measured 10.25 KiB that way, 7.45 at 1,000).
            awaitQuiet(server);
            double idle = -1;
            if (steps.isEmpty() && idleSeconds > 0) {
                idle = cpuPercent(server, (long) (idleSeconds * 1000));
            }
            long heap = jvm ? LiveHeap.bytes(server.pid()) : 0;
            long rss = server.rssBytes();
            steps.add(new Step(total, jvm ? (heap - heap0) / total : -1, (rss - rss0) / total, idle, busyBefore));
        }
        return steps;
    }

    /**
     * Waits until the server used at most {@value #QUIET_PERCENT} % of a core over half a second, at
     * most {@value #QUIET_LIMIT_MILLIS} ms; says on standard error when it never got that quiet.
     */
    static void awaitQuiet(ProcessCpu server) throws InterruptedException {
        long deadline = System.nanoTime() + QUIET_LIMIT_MILLIS * 1_000_000;
        double busy;
        do {
            busy = cpuPercent(server, 500);
        } while (busy > QUIET_PERCENT && System.nanoTime() < deadline);
        if (busy > QUIET_PERCENT) {
            System.err.printf("# the server still used %.1f %% of a core after %d ms; measured anyway%n",
                    busy, QUIET_LIMIT_MILLIS);
        }
    }

    /** The server's CPU over the next {@code millis}, as a percentage of one core. */
    static double cpuPercent(ProcessCpu server, long millis) throws InterruptedException {
        long cpu0 = server.cpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(millis);
        return 100.0 * (server.cpuNanos() - cpu0) / (System.nanoTime() - t0);
    }
}
