package org.parley.server.bench;

import org.parley.server.metrics.MessageKind;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.metrics.ServerMetrics;

/**
 * Benchmark for bench/metrics-cost.sh (a measurement, not a test): what the metrics add to one room
 * message on the chat lane, on and off. Per message the server records a lane depth, a message
 * received, its deliveries, its SQLite commit and its request latency (five calls); this runs those
 * five calls in a loop on one thread and prints nanoseconds per message, several rounds so that the
 * JIT's warm-up shows.
 */
public final class MetricsCostMain {
    private static final int MESSAGES = 2_000_000;
    private static final int ROUNDS = 5;

    private MetricsCostMain() {
    }

    public static void main(String[] args) {
        MicrometerServerMetrics on = new MicrometerServerMetrics();
        ServerMetrics off = ServerMetrics.off();
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf("round %d: metrics on %.1f ns per room message, off %.1f ns%n", round, perMessage(on),
                    perMessage(off));
        }
        System.out.println("a scrape after that: " + on.scrape().lines().count() + " lines");
    }

    private static double perMessage(ServerMetrics metrics) {
        long start = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            metrics.laneDepth(1 + (i & 7));
            metrics.messageReceived(MessageKind.ROOM);
            metrics.delivered(100);
            metrics.commit(1, 1_000_000);
            metrics.request("SendRoomMessage", 3_000_000);
        }
        return (System.nanoTime() - start) / (double) MESSAGES;
    }
}
