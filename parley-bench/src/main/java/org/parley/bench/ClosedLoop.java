package org.parley.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the operations of closed-loop workers (each sends its next request when the previous one
 * is answered) over a measured window, after a warm-up that is not counted.
 */
final class ClosedLoop {
    private volatile boolean counting;
    private volatile boolean running = true;
    private final AtomicLong done = new AtomicLong();
    private final LatencyHistogram latencies = new LatencyHistogram();

    /** True until the window closed: workers stop sending when it returns false. */
    boolean running() {
        return running;
    }

    /** One operation completed that started at {@code startNanos}. */
    void completed(long startNanos) {
        if (counting) {
            done.incrementAndGet();
            latencies.record((System.nanoTime() - startNanos) / 1000);
        }
    }

    /** Waits the warm-up, then measures {@code seconds}; the workers must already be running. */
    Measurement measure(ProcessCpu server, double warmUpSeconds, double seconds) throws InterruptedException {
        Thread.sleep((long) (warmUpSeconds * 1000));
        long serverStart = server.cpuNanos();
        var compilerStart = server.compilerSnapshot();
        long selfStart = ProcessCpu.self().cpuNanos();
        long start = System.nanoTime();
        counting = true;
        Thread.sleep((long) (seconds * 1000));
        counting = false;
        long elapsed = System.nanoTime() - start;
        long serverCpu = server.cpuNanos() - serverStart;
        long compilerCpu = server.compilerNanosSince(compilerStart);
        long selfCpu = ProcessCpu.self().cpuNanos() - selfStart;
        running = false;
        return new Measurement(done.get(), elapsed / 1e9, serverCpu, compilerCpu, selfCpu, latencies.percentile(0.5),
                latencies.percentile(0.99));
    }
}
