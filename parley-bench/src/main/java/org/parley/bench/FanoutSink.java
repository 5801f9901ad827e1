package org.parley.bench;

import java.time.Instant;
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
 *
 * <p>A fan-out ladder's messages carry a fourth field, {@code lagMicros:}, how late the sender was on
 * the message's schedule; with it and, for Parley, the server's timestamp of the message, one
 * delivery in {@value #SPLIT_SAMPLE} is also split into where its time went ({@link LatencySplit}).
 */
public final class FanoutSink {
    /** One delivery in this many is split into its parts ({@link LatencySplit}); the rest cost nothing more. */
    static final int SPLIT_SAMPLE = 64;
    /** The server time of a delivery from a server that gives none (IRC, Redis). */
    public static final long NO_SERVER_TIME = Long.MIN_VALUE;
    /** The width of a timeline slot ({@link Step#timelineP99s}), in ms. */
    static final int TIMELINE_SLOT_MILLIS = 100;
    /** The step being offered now. */
    private volatile Step current = new Step(0, 0, false);
    /**
     * The step before it, whose stragglers still count for it: a back-to-back sequence starts a step
     * while the last one's messages are still on their way ({@link FanoutLadder}).
     */
    private volatile Step previous = new Step(-1, 0, false);

    /** Starts counting a new step; earlier steps' stragglers (but the last step's) are ignored from now on. */
    void startStep(int newStep) {
        startStep(newStep, false);
    }

    /**
     * As above; with {@code timeline}, each delivery's latency is also recorded in the
     * {@value #TIMELINE_SLOT_MILLIS} ms slot of the step in which its message was stamped.
     */
    void startStep(int newStep, boolean timeline) {
        Instant wall = Instant.now();
        long nanoTime = System.nanoTime();
        startStep(newStep, wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - nanoTime, nanoTime, timeline);
    }

    /** As above, with the wall clock's offset from {@link System#nanoTime()} given (for tests). */
    void startStep(int newStep, long wallMinusNanoTime) {
        startStep(newStep, wallMinusNanoTime, System.nanoTime(), false);
    }

    /** As above, with the step's start on {@link System#nanoTime()} given (for tests). */
    void startStep(int newStep, long wallMinusNanoTime, long startNanos, boolean timeline) {
        Step next = new Step(newStep, wallMinusNanoTime, timeline);
        next.startNanos = startNanos;
        previous = current;
        current = next;
    }

    /** The step being counted now (its counts go on growing while its stragglers arrive). */
    Step current() {
        return current;
    }

    /**
     * A message arrived at member {@code receiver}: {@code body} holds at least its header. Its own
     * echo (a Parley sender receives its message too) and other steps' messages are not counted.
     */
    public void received(int receiver, byte[] body, int offset, int length, long nowNanos) {
        received(receiver, body, offset, length, nowNanos, NO_SERVER_TIME);
    }

    /**
     * As above, for a server that stamps its messages: {@code serverMillis} is its {@code timestamp_ms}
     * (wall clock, ms since the epoch), or {@link #NO_SERVER_TIME}.
     */
    public void received(int receiver, byte[] body, int offset, int length, long nowNanos, long serverMillis) {
        // Three locals, not an array: JFR showed the array allocated per delivery (not scalar-replaced).
        long messageStep = 0;
        long sender = 0;
        long sentNanos = 0;
        int field = 0;
        long value = 0;
        int i = offset;
        for (; i < offset + length && field < 3; i++) {
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
        if (field < 3 || sender == receiver) {
            return;
        }
        Step counted = current;
        if (messageStep != counted.id) {
            counted = previous;
            if (messageStep != counted.id) {
                return;
            }
        }
        counted.delivered(body, i, offset + length, sentNanos, nowNanos, serverMillis);
    }

    /** A sender had {@code bytes} in its Netty outbound buffer, not yet written to its socket (-1: not known). */
    void senderUnsent(long bytes) {
        current.senderUnsentMax.accumulateAndGet(bytes, Math::max);
    }

    /** A sender sent a message {@code lagNanos} after its scheduled time (called on the sender's event loop). */
    void sent(long lagNanos) {
        current.sendLags.record(lagNanos / 1000);
    }

    /**
     * A sender wrote a message {@code waitNanos} after its tick stamped it: the time it waited for the
     * protocol's window to open ({@link SendWindow}); the stamp was taken in {@code step}.
     */
    void windowWait(int step, long waitNanos) {
        Step counted = current.id == step ? current : previous.id == step ? previous : null;
        if (counted != null) {
            counted.windowWaits.record(waitNanos / 1000);
        }
    }

    /** A sender held a message back: its window and its queue were both full ({@link SendWindow}). */
    void held() {
        current.held.increment();
    }

    /** Where this step's latency went, from the send lags and the sampled deliveries so far, without queue sizes. */
    LatencySplit split() {
        return current.split(SocketQueues.Totals.UNKNOWN);
    }

    /** As above, with the kernel queues' largest sizes over the step. */
    LatencySplit split(SocketQueues.Totals queues) {
        return current.split(queues);
    }

    /** The server acknowledged a message, for servers that answer a send. */
    public void acknowledged() {
        current.accepted.incrementAndGet();
    }

    /**
     * The server refused a message with {@code code} (its error code's name, e.g. server_busy). Answers
     * carry no step: in a back-to-back sequence a refusal of the last step's message that comes after
     * the next step began counts for the next.
     */
    public void refused(String code) {
        current.refusals.computeIfAbsent(code, key -> new LongAdder()).increment();
    }

    /** The header of a benchmark message of {@code size} bytes: {@code step:sender:nanos:} then 'x' up to size. */
    static byte[] body(int step, int sender, long nanos, int size) {
        return body(step + ":" + sender + ":" + nanos + ":", size);
    }

    /**
     * A fan-out ladder's message: {@code step:sender:nanos:lagMicros:} then 'x' up to size, where
     * {@code lagMicros} is how late its sender sent it on its schedule.
     */
    static byte[] body(int step, int sender, long nanos, long lagMicros, int size) {
        return body(step + ":" + sender + ":" + nanos + ":" + lagMicros + ":", size);
    }

    private static byte[] body(String header, int size) {
        byte[] body = new byte[Math.max(size, header.length())];
        java.util.Arrays.fill(body, (byte) 'x');
        for (int i = 0; i < header.length(); i++) {
            body[i] = (byte) header.charAt(i);
        }
        return body;
    }

    long delivered() {
        return current.delivered();
    }

    /** Waits until {@code expected} messages of this step were delivered or {@code timeoutNanos} passed. */
    void awaitDelivered(long expected, long timeoutNanos) throws InterruptedException {
        current.awaitDelivered(expected, timeoutNanos);
    }

    /** {@link Step#awaitReachable} of the current step. */
    void awaitReachable(long sent, int receiversPerMessage, long timeoutNanos) throws InterruptedException {
        current.awaitReachable(sent, receiversPerMessage, timeoutNanos);
    }

    long accepted() {
        return current.accepted();
    }

    long rejected() {
        return current.rejected();
    }

    /** The current step's refusals by error code, in code order. */
    Map<String, Long> refusals() {
        return current.refusals();
    }

    LatencyHistogram latencies() {
        return current.latencies;
    }

    /** What one step counted; its counts go on growing while its stragglers arrive. */
    static final class Step {
        private final int id;
        private final boolean timeline;
        /** The wall clock's nanoseconds since the epoch minus {@link System#nanoTime()}, taken at the step's start. */
        private final long wallMinusNanoTime;
        private long startNanos;
        private final LatencyHistogram latencies = new LatencyHistogram();
        private final LatencyHistogram sendLags = new LatencyHistogram();
        private final LatencyHistogram windowWaits = new LatencyHistogram();
        private final LatencyHistogram fromSchedule = new LatencyHistogram();
        private final LatencyHistogram toServer = new LatencyHistogram();
        private final LatencyHistogram fromServer = new LatencyHistogram();
        /** Latencies by the slot of the step in which their message was stamped (created as deliveries need them). */
        private final java.util.concurrent.atomic.AtomicReferenceArray<LatencyHistogram> slots;
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

        private Step(int id, long wallMinusNanoTime, boolean timeline) {
            this.id = id;
            this.wallMinusNanoTime = wallMinusNanoTime;
            this.timeline = timeline;
            this.slots = new java.util.concurrent.atomic.AtomicReferenceArray<>(timeline ? MAX_SLOTS : 0);
        }

        /** The most timeline slots a step keeps (a minute); later deliveries go to the last. */
        static final int MAX_SLOTS = 600;

        private void delivered(byte[] body, int at, int end, long sentNanos, long nowNanos, long serverMillis) {
            long count = delivered.incrementAndGet();
            if (count == deliveryTarget) {
                reachedTarget.countDown();
            }
            long micros = (nowNanos - sentNanos) / 1000;
            latencies.record(micros);
            if (timeline) {
                slot(sentNanos).record(micros);
            }
            if (count % SPLIT_SAMPLE == 0) {
                split(body, at, end, sentNanos, nowNanos, serverMillis);
            }
        }

        private LatencyHistogram slot(long sentNanos) {
            int index = (int) Math.clamp((sentNanos - startNanos) / (TIMELINE_SLOT_MILLIS * 1_000_000L), 0, MAX_SLOTS - 1);
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
            if (serverMillis != NO_SERVER_TIME) {
                long serverNanos = serverMillis * 1_000_000L - wallMinusNanoTime;
                toServer.record((serverNanos - sentNanos) / 1000);
                fromServer.record((nowNanos - serverNanos) / 1000);
            }
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
         * The p99 latency of each {@value #TIMELINE_SLOT_MILLIS} ms slot of the step, by when its messages
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
    }

    /** How often a wait for deliveries looks again at the refusals counted meanwhile. */
    private static final long REFUSAL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
}
