package org.parley.bench;

import java.util.Map;

/**
 * One step of a room fan-out ladder: what was offered and what came out.
 *
 * @param offeredPerSecond messages a second the senders together tried to send
 * @param seconds length of the sending window
 * @param sent messages sent
 * @param accepted messages the server acknowledged (stored)
 * @param rejected messages the server refused (rate_limited, server_busy...)
 * @param held messages the senders held back, not sent: their window on unanswered messages and the queue
 *     behind it were both full ({@link SendWindow}); like a refusal, each costs every delivery it would have had
 * @param expectedDeliveries (sent + held) × (members − 1): every other member should receive every message
 * @param delivered deliveries that arrived before the grace period after the window ended
 * @param p50Micros median delivery latency (send to receipt, same clock)
 * @param p99Micros 99th percentile
 * @param p999Micros 99.9th percentile
 * @param serverCpuNanos server CPU (user + system, all threads) from the window's start until every message
 *     not refused was delivered (or the grace ran out)
 * @param generatorCpuNanos the load generator's own CPU over the same time
 * @param elapsedNanos wall time over which the CPU was counted
 * @param refusals the refused messages by the error code of their answer (server_busy, rate_limited...)
 * @param serverRefusals what the server's own refusal counters rose by over the step, by bucket
 *     ({@link ServerCounters}; empty when the server has none or they were not read)
 * @param split where the latency went: the senders' lag on their schedule, and for Parley the parts
 *     before and after the server's timestamp ({@link LatencySplit})
 * @param timelineP99s the p99 latency (µs) of the deliveries of each 100 ms of the step, by when their
 *     messages were stamped, -1 for 100 ms without one; empty unless the ladder ran back to back
 *     ({@link FanoutLadder.Pacing#backToBack()})
 */
public record FanoutStep(double offeredPerSecond, double seconds, long sent, long accepted, long rejected, long held,
        long expectedDeliveries, long delivered, long p50Micros, long p99Micros, long p999Micros,
        long serverCpuNanos, long generatorCpuNanos, long elapsedNanos, Map<String, Long> refusals,
        Map<String, Long> serverRefusals, LatencySplit split, java.util.List<Long> timelineP99s) {

    public FanoutStep {
        timelineP99s = java.util.List.copyOf(timelineP99s);
        refusals = Map.copyOf(refusals);
        serverRefusals = Map.copyOf(serverRefusals);
        java.util.Objects.requireNonNull(split, "split");
    }

    /** A step without a latency split ({@link LatencySplit#NONE}) whose senders held nothing back. */
    public FanoutStep(double offeredPerSecond, double seconds, long sent, long accepted, long rejected,
            long expectedDeliveries, long delivered, long p50Micros, long p99Micros, long p999Micros,
            long serverCpuNanos, long generatorCpuNanos, long elapsedNanos, Map<String, Long> refusals,
            Map<String, Long> serverRefusals) {
        this(offeredPerSecond, seconds, sent, accepted, rejected, 0, expectedDeliveries, delivered, p50Micros, p99Micros,
                p999Micros, serverCpuNanos, generatorCpuNanos, elapsedNanos, refusals, serverRefusals, LatencySplit.NONE,
                java.util.List.of());
    }

    /** A step of senders that held nothing back, without a timeline. */
    public FanoutStep(double offeredPerSecond, double seconds, long sent, long accepted, long rejected,
            long expectedDeliveries, long delivered, long p50Micros, long p99Micros, long p999Micros,
            long serverCpuNanos, long generatorCpuNanos, long elapsedNanos, Map<String, Long> refusals,
            Map<String, Long> serverRefusals, LatencySplit split) {
        this(offeredPerSecond, seconds, sent, accepted, rejected, 0, expectedDeliveries, delivered, p50Micros, p99Micros,
                p999Micros, serverCpuNanos, generatorCpuNanos, elapsedNanos, refusals, serverRefusals, split,
                java.util.List.of());
    }

    /** The p99 bound of a sustained rate. */
    public static final long SUSTAINED_P99_MICROS = 50_000;

    /** At least 99.9 % delivered and p99 at most 50 ms (bench/README.md). */
    public boolean sustained() {
        return expectedDeliveries > 0 && delivered * 1000 >= expectedDeliveries * 999 && p99Micros <= SUSTAINED_P99_MICROS;
    }

    /** The p99 above which a step did not keep up: latency was growing, not just noisy. */
    public static final long KEPT_UP_P99_MICROS = 1_000_000;

    /**
     * At least 99.9 % delivered and p99 at most 1 s: the server kept up with the offered rate, if not
     * within the sustained latency. A ladder runs until two steps in a row did not.
     */
    public boolean keptUp() {
        return expectedDeliveries > 0 && delivered * 1000 >= expectedDeliveries * 999 && p99Micros <= KEPT_UP_P99_MICROS;
    }

    public double deliveredFraction() {
        return expectedDeliveries == 0 ? 0 : (double) delivered / expectedDeliveries;
    }

    public double messagesPerSecond() {
        return sent / seconds;
    }

    public double deliveriesPerSecond() {
        return delivered / seconds;
    }

    /** Server CPU per delivery, in microseconds. */
    public double serverMicrosPerDelivery() {
        return delivered == 0 ? 0 : serverCpuNanos / 1000.0 / delivered;
    }

    /**
     * Generator CPU per delivery, in microseconds: all of this JVM's CPU over the step (senders, every
     * receiver, GC, JIT) over the deliveries, comparable between servers as the server's figure is.
     */
    public double generatorMicrosPerDelivery() {
        return delivered == 0 ? 0 : generatorCpuNanos / 1000.0 / delivered;
    }

    /** Server CPU as a fraction of one core over the step. */
    public double serverCores() {
        return (double) serverCpuNanos / elapsedNanos;
    }

    /** Generator CPU as a fraction of one core over the step. */
    public double generatorCores() {
        return (double) generatorCpuNanos / elapsedNanos;
    }

    /** The generator's share of its one core at and above which a step says more about it than about the server. */
    public static final double GENERATOR_BOUND_CORES = 0.90;

    /**
     * Whether the generator used at least {@value #GENERATOR_BOUND_CORES} of its core: a step that was
     * not sustained then may have failed on the generator's reading, not on the server's work.
     */
    public boolean generatorBound() {
        return generatorCores() >= GENERATOR_BOUND_CORES;
    }

    /** The share of a step's latency from schedule above which the senders' lag marks the step. */
    public static final double SENDS_LATE_SHARE = 0.10;

    /**
     * Whether the senders were late on their schedule by more than {@value #SENDS_LATE_SHARE} of the
     * latency counted from that schedule, or of the sustained bound (50 ms) when that latency was lower:
     * a send lag p99 above 5 ms at a step within the bound, above a tenth of the p99 from schedule
     * beyond it. The generator then offered the rate late and in bursts, and the step's latency (which
     * counts from the send) leaves that lateness out; the step says something about the generator.
     */
    public boolean sendsLate() {
        long bound = Math.max(split.fromScheduleP99(), SUSTAINED_P99_MICROS);
        return split.sendLagP99() > SENDS_LATE_SHARE * bound;
    }

    /** Whether the generator, by its core or by its senders' lag, may have been the limit of a step. */
    public boolean generatorLimited() {
        return generatorBound() || sendsLate();
    }
}
