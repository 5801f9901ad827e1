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
 */
final class IdleScenario {
    private IdleScenario() {
    }

    /** One step's figures. */
    record Step(int connections, long heapBytesPerConnection, long rssBytesPerConnection, double idleCpuPercent) {
    }

    /**
     * @param addConnections connects that many more idle, logged-in connections and returns when they are
     * @param jvm whether the server is a JVM (live heap via jcmd) or not (RSS only)
     */
    static List<Step> run(ProcessCpu server, boolean jvm, List<Integer> totals, double idleSeconds,
            IntConsumer addConnections) throws IOException, InterruptedException {
        long heap0 = jvm ? LiveHeap.bytes(server.pid()) : 0;
        long rss0 = server.rssBytes();
        List<Step> steps = new ArrayList<>();
        int connected = 0;
        for (int total : totals) {
            addConnections.accept(total - connected);
            connected = total;
            double idle = -1;
            if (steps.isEmpty() && idleSeconds > 0) {
                Thread.sleep(2000); // the logins' own work is done before the quiet window starts
                long cpu0 = server.cpuNanos();
                long t0 = System.nanoTime();
                Thread.sleep((long) (idleSeconds * 1000));
                idle = 100.0 * (server.cpuNanos() - cpu0) / (System.nanoTime() - t0);
            }
            long heap = jvm ? LiveHeap.bytes(server.pid()) : 0;
            long rss = server.rssBytes();
            steps.add(new Step(total, jvm ? (heap - heap0) / total : -1, (rss - rss0) / total, idle));
        }
        return steps;
    }
}
