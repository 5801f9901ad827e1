package org.parley.bench;

import java.time.Instant;
import java.util.Map;

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
    /** The width of a timeline slot ({@link StepTally#timelineP99s}), in ms. */
    static final int TIMELINE_SLOT_MILLIS = 100;
    /** The step being offered now. */
    private volatile StepTally current = new StepTally(0, 0, 0, false);
    /**
     * The step before it, whose stragglers still count for it: a back-to-back sequence starts a step
     * while the last one's messages are still on their way ({@link FanoutLadder}).
     */
    private volatile StepTally previous = new StepTally(-1, 0, 0, false);

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
        StepTally next = new StepTally(newStep, wallMinusNanoTime, startNanos, timeline);
        previous = current;
        current = next;
    }

    /** The step being counted now (its counts go on growing while its stragglers arrive). */
    StepTally current() {
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
        StepTally counted = current;
        if (messageStep != counted.id()) {
            counted = previous;
            if (messageStep != counted.id()) {
                return;
            }
        }
        counted.delivered(body, i, offset + length, sentNanos, nowNanos, serverMillis);
    }

    /** A sender had {@code bytes} in its Netty outbound buffer, not yet written to its socket (-1: not known). */
    void senderUnsent(long bytes) {
        current.senderUnsent(bytes);
    }

    /** A sender sent a message {@code lagNanos} after its scheduled time (called on the sender's event loop). */
    void sent(long lagNanos) {
        current.sent(lagNanos);
    }

    /**
     * A sender wrote a message {@code waitNanos} after its tick stamped it: the time it waited for the
     * protocol's window to open ({@link SendWindow}); the stamp was taken in {@code step}.
     */
    void windowWait(int step, long waitNanos) {
        StepTally counted = current.id() == step ? current : previous.id() == step ? previous : null;
        if (counted != null) {
            counted.windowWait(waitNanos);
        }
    }

    /** A sender held a message back: its window and its queue were both full ({@link SendWindow}). */
    void held() {
        current.countHeld();
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
        current.acknowledged();
    }

    /**
     * The server refused a message with {@code code} (its error code's name, e.g. server_busy). Answers
     * carry no step: in a back-to-back sequence a refusal of the last step's message that comes after
     * the next step began counts for the next.
     */
    public void refused(String code) {
        current.refused(code);
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

    /** {@link StepTally#awaitReachable} of the current step. */
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
        return current.latencies();
    }
}
