package org.parley.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one step of a fan-out ladder counted at its receivers and senders ({@link FanoutSink} hands each
 * event to the step it belongs to); its counts go on growing while its stragglers arrive.
 */
final class StepTally {
    private final int id;
    private final boolean timeline;
    /** The wall clock's nanoseconds since the epoch minus {@link System#nanoTime()}, taken at the step's start. */
    private final long wallMinusNanoTime;
    /** The step's start on {@link System#nanoTime()}: its timeline slots count from here. */
    private final long startNanos;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final LatencyHistogram sendLags = new LatencyHistogram();
    private final LatencyHistogram windowWaits = new LatencyHistogram();
    private final LatencyHistogram fromSchedule = new LatencyHistogram();
    private final LatencyHistogram toServer = new LatencyHistogram();
    private final LatencyHistogram fromServer = new LatencyHistogram();
    /** Latencies by the slot of the step in which their message was stamped (created as deliveries need them). */
    private final AtomicReferenceArray<LatencyHistogram> slots;
    /** The most bytes one sender had in its Netty outbound buffer at a tick of this step (-1: not known). */
    private final AtomicLong senderUnsentMax = new AtomicLong(-1);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final LongAdder held = new LongAdder();
    /** Refusals by the server's error code (e.g. server_busy, rate_limited). */
    private final ConcurrentHashMap<String, LongAdder> refusals = new ConcurrentHashMap<>();
    /** Counted down when {@link #delivered} reaches {@link #deliveryTarget} (see {@link #awaitDelivered}). */
    private volatile CountDownLatch reachedTarget = new CountDownLatch(1);
    private volatile long deliveryTarget = Long.MAX_VALUE;

    StepTally(int id, long wallMinusNanoTime, long startNanos, boolean timeline) {
        this.id = id;
        this.wallMinusNanoTime = wallMinusNanoTime;
        this.startNanos = startNanos;
        this.timeline = timeline;
        this.slots = new AtomicReferenceArray<>(timeline ? MAX_SLOTS : 0);
    }

    /** The most timeline slots a step keeps (a minute); later deliveries go to the last. */
    static final int MAX_SLOTS = 600;

    /** The step's number: a message's header names the step that stamped it. */
    int id() {
        return id;
    }

    /**
     * A delivery of this step's message, stamped at {@code sentNanos}: {@code body} from {@code at} (just
     * after the header's third field) to {@code end} holds the rest of it.
     */
    void delivered(byte[] body, int at, int end, long sentNanos, long nowNanos, long serverMillis) {
        long count = delivered.incrementAndGet();
        if (count == deliveryTarget) {
            reachedTarget.countDown();
        }
        long micros = (nowNanos - sentNanos) / 1000;
        latencies.record(micros);
        if (timeline) {
            slot(sentNanos).record(micros);
        }
        if (count % FanoutSink.SPLIT_SAMPLE == 0) {
            split(body, at, end, sentNanos, nowNanos, serverMillis);
        }
    }

    private LatencyHistogram slot(long sentNanos) {
        int index = (int) Math.clamp((sentNanos - startNanos) / (FanoutSink.TIMELINE_SLOT_MILLIS * 1_000_000L), 0, MAX_SLOTS - 1);
        LatencyHistogram slot = slots.get(index);
        if (slot == null) {
            slots.compareAndSet(index, null, new LatencyHistogram());
            slot = slots.get(index);
        }
        return slot;
    }

    /**
     * Splits one delivery's time: the sender's lag (the header's fourth field, 0 when absent) and, with
     * a server time, the parts before and after the server's stamp. {@code at} is just after the third field.
     */
    private void split(byte[] body, int at, int end, long sentNanos, long nowNanos, long serverMillis) {
        long lagMicros = 0;
        for (int i = at; i < end && i < at + 20; i++) {
            byte b = body[i];
            if (b == ':') {
                break;
            } else if (b >= '0' && b <= '9') {
                lagMicros = lagMicros * 10 + (b - '0');
            } else {
                lagMicros = 0; // a header of three fields: the padding follows
                break;
            }
        }
        fromSchedule.record((nowNanos - sentNanos) / 1000 + lagMicros);
        if (serverMillis != FanoutSink.NO_SERVER_TIME) {
            long serverNanos = serverMillis * 1_000_000L - wallMinusNanoTime;
            toServer.record((serverNanos - sentNanos) / 1000);
            fromServer.record((nowNanos - serverNanos) / 1000);
        }
    }

    /** A sender had {@code bytes} in its Netty outbound buffer at a tick (-1: not known). */
    void senderUnsent(long bytes) {
        senderUnsentMax.accumulateAndGet(bytes, Math::max);
    }

    /** A sender sent a message {@code lagNanos} after its scheduled time. */
    void sent(long lagNanos) {
        sendLags.record(lagNanos / 1000);
    }

    /** A message stamped in this step waited {@code waitNanos} for its sender's window. */
    void windowWait(long waitNanos) {
        windowWaits.record(waitNanos / 1000);
    }

    /** A sender held a message back. */
    void countHeld() {
        held.increment();
    }

    /** The server acknowledged a message. */
    void acknowledged() {
        accepted.incrementAndGet();
    }

    /** The server refused a message with {@code code}. */
    void refused(String code) {
        refusals.computeIfAbsent(code, key -> new LongAdder()).increment();
    }

    /** Where this step's latency went, with the kernel queues' largest sizes over the step. */
    LatencySplit split(SocketQueues.Totals queues) {
        boolean serverTime = toServer.count() > 0;
        boolean windowed = windowWaits.count() > 0;
        return new LatencySplit(sendLags.percentile(0.50), sendLags.percentile(0.99), sendLags.percentile(1.0),
                fromSchedule.percentile(0.99), serverTime ? toServer.percentile(0.50) : -1,
                serverTime ? toServer.percentile(0.99) : -1, serverTime ? fromServer.percentile(0.50) : -1,
                serverTime ? fromServer.percentile(0.99) : -1, queues, senderUnsentMax.get(),
                windowed ? windowWaits.percentile(0.99) : -1, windowed ? windowWaits.percentile(1.0) : -1);
    }

    /**
     * The p99 latency of each {@value FanoutSink#TIMELINE_SLOT_MILLIS} ms slot of the step, by when its messages
     * were stamped, up to the last slot that had a delivery; -1 for a slot without one. Empty without a timeline.
     */
    long[] timelineP99s() {
        int last = -1;
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) != null) {
                last = i;
            }
        }
        long[] p99s = new long[last + 1];
        for (int i = 0; i <= last; i++) {
            LatencyHistogram slot = slots.get(i);
            p99s[i] = slot == null ? -1 : slot.percentile(0.99);
        }
        return p99s;
    }

    long delivered() {
        return delivered.get();
    }

    long accepted() {
        return accepted.get();
    }

    long held() {
        return held.sum();
    }

    long rejected() {
        long total = 0;
        for (LongAdder count : refusals.values()) {
            total += count.sum();
        }
        return total;
    }

    /** Refusals by error code, in code order. */
    Map<String, Long> refusals() {
        Map<String, Long> byCode = new TreeMap<>();
        refusals.forEach((code, count) -> byCode.put(code, count.sum()));
        return byCode;
    }

    LatencyHistogram latencies() {
        return latencies;
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
}
