package org.parley.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The receiving side of a fan-out step, shared by every member of every kind of server: a message
 * body starts with the header {@code step:sender:sendNanos:}, read on the clock that wrote it (one
 * JVM), so latency needs no clock synchronisation. Called from the generator's event loops.
 */
public final class FanoutSink {
    private volatile int step;
    private volatile LatencyHistogram latencies = new LatencyHistogram();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    /** Refusals of the current step by the server's error code (e.g. server_busy, rate_limited). */
    private volatile ConcurrentHashMap<String, LongAdder> refusals = new ConcurrentHashMap<>();
    /** Counted down when {@link #delivered} reaches {@link #deliveryTarget} (see {@link #awaitDelivered}). */
    private volatile CountDownLatch reachedTarget = new CountDownLatch(1);
    private volatile long deliveryTarget = Long.MAX_VALUE;

    /** Starts counting a new step; earlier steps' stragglers are ignored from now on. */
    void startStep(int newStep) {
        latencies = new LatencyHistogram();
        deliveryTarget = Long.MAX_VALUE;
        delivered.set(0);
        accepted.set(0);
        refusals = new ConcurrentHashMap<>();
        step = newStep;
    }

    /**
     * A message arrived at member {@code receiver}: {@code body} holds at least its header. Its own
     * echo (a Parley sender receives its message too) and other steps' messages are not counted.
     */
    public void received(int receiver, byte[] body, int offset, int length, long nowNanos) {
        // Three locals, not an array: JFR showed the array allocated per delivery (not scalar-replaced).
        long messageStep = 0;
        long sender = 0;
        long sentNanos = 0;
        int field = 0;
        long value = 0;
        for (int i = offset; i < offset + length && field < 3; i++) {
            byte b = body[i];
            if (b == ':') {
                switch (field++) {
                    case 0 -> messageStep = value;
                    case 1 -> sender = value;
                    default -> sentNanos = value;
                }
                value = 0;
            } else if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
            } else {
                return; // not a benchmark message
            }
        }
        if (field < 3 || messageStep != step || sender == receiver) {
            return;
        }
        if (delivered.incrementAndGet() == deliveryTarget) {
            reachedTarget.countDown();
        }
        latencies.record((nowNanos - sentNanos) / 1000);
    }

    /** The server acknowledged a message, for servers that answer a send. */
    public void acknowledged() {
        accepted.incrementAndGet();
    }

    /** The server refused a message with {@code code} (its error code's name, e.g. server_busy). */
    public void refused(String code) {
        refusals.computeIfAbsent(code, key -> new LongAdder()).increment();
    }

    /** The header of a benchmark message of {@code size} bytes: {@code step:sender:nanos:} then 'x' up to size. */
    static byte[] body(int step, int sender, long nanos, int size) {
        String header = step + ":" + sender + ":" + nanos + ":";
        byte[] body = new byte[Math.max(size, header.length())];
        java.util.Arrays.fill(body, (byte) 'x');
        for (int i = 0; i < header.length(); i++) {
            body[i] = (byte) header.charAt(i);
        }
        return body;
    }

    long delivered() {
        return delivered.get();
    }

    /** Waits until {@code expected} messages of this step were delivered or {@code timeoutNanos} passed. */
    void awaitDelivered(long expected, long timeoutNanos) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        reachedTarget = latch;
        deliveryTarget = expected;
        // Deliveries counted before the target was set do not count the latch down: check after setting it.
        if (delivered.get() < expected) {
            latch.await(timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Waits until every message of this step that was not refused reached each of its
     * {@code receiversPerMessage} receivers, or {@code timeoutNanos} passed: {@code sent} messages
     * less the refusals counted so far (a refusal that arrives during the wait lowers the target).
     * A refused message is never delivered, so waiting for its deliveries would only stretch the
     * step's CPU window over an idle grace period and dilute the cores it reports.
     */
    void awaitReachable(long sent, int receiversPerMessage, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long reachable = Math.max(0, sent - rejected()) * receiversPerMessage;
            long left = deadline - System.nanoTime();
            if (delivered.get() >= reachable || left <= 0) {
                return;
            }
            // Woken by the last delivery at once; a refusal arriving meanwhile is seen at the next check.
            awaitDelivered(reachable, Math.min(left, REFUSAL_CHECK_NANOS));
        }
    }

    /** How often a wait for deliveries looks again at the refusals counted meanwhile. */
    private static final long REFUSAL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    long accepted() {
        return accepted.get();
    }

    long rejected() {
        long total = 0;
        for (LongAdder count : refusals.values()) {
            total += count.sum();
        }
        return total;
    }

    /** The current step's refusals by error code, in code order. */
    Map<String, Long> refusals() {
        Map<String, Long> byCode = new TreeMap<>();
        refusals.forEach((code, count) -> byCode.put(code, count.sum()));
        return byCode;
    }

    LatencyHistogram latencies() {
        return latencies;
    }
}
