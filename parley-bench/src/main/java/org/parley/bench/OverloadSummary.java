package org.parley.bench;

import java.util.List;

/**
 * Issue 13 §3 read from one back-to-back overload sequence of four steps, {@code S, 1.5S, 2S, 0.5S}
 * where S is the rate a ladder sustained ({@link #rates}): "a ladder that offers 2× the maximum must
 * still deliver ≥ 90 % of the maximum, with bounded p99 for the messages it accepts, and recover within
 * seconds when the load drops".
 *
 * @param deliveredShareAt2x deliveries a second at 2S over the maximum, S × (N − 1), what the S step offered
 *     for delivery (the ladder sustained S, so it delivered at least 99.9 % of that); target ≥ 0.9
 * @param p99At15xMicros the p99 latency of the messages delivered at 1.5S (from their tick's stamp, so a wait
 *     for the sender's window is in it), µs
 * @param p99At2xMicros the same at 2S
 * @param recoveryMillis when, from the start of the 0.5S step, its latency came back: the end of the last
 *     {@value FanoutSink#TIMELINE_SLOT_MILLIS} ms slot (by the messages' stamps) whose p99 was above
 *     {@value #RECOVERED_P99_MICROS} µs, so that every later slot stayed within it; 0 when no slot was above;
 *     -1 when the step's last slot was still above, or nothing was delivered (not recovered within the step)
 * @param p99At05xMicros the p99 latency of the whole 0.5S step, µs
 */
public record OverloadSummary(double deliveredShareAt2x, long p99At15xMicros, long p99At2xMicros, long recoveryMillis,
        long p99At05xMicros) {

    /** The latency under which a slot counts as recovered: the sustained bound (bench/README.md). */
    public static final long RECOVERED_P99_MICROS = FanoutStep.SUSTAINED_P99_MICROS;

    /** The sequence's rates for a sustained rate {@code sustained}: S, 1.5S, 2S, 0.5S, rounded to whole messages a second. */
    public static List<Double> rates(double sustained) {
        if (!(sustained > 0)) {
            throw new IllegalArgumentException("the sustained rate must be positive: " + sustained);
        }
        return List.of((double) Math.round(sustained), (double) Math.round(1.5 * sustained),
                (double) Math.round(2 * sustained), (double) Math.round(0.5 * sustained));
    }

    /** Reads the summary from the four steps of the sequence, in the order they ran. */
    public static OverloadSummary of(List<FanoutStep> steps) {
        if (steps.size() != 4) {
            throw new IllegalArgumentException("an overload sequence has 4 steps, not " + steps.size());
        }
        FanoutStep max = steps.get(0);
        FanoutStep twice = steps.get(2);
        FanoutStep drop = steps.get(3);
        double maximum = max.expectedDeliveries() / max.seconds(); // offered × (N − 1), held-back messages included
        double share = maximum == 0 ? 0 : twice.deliveriesPerSecond() / maximum;
        return new OverloadSummary(share, steps.get(1).p99Micros(), twice.p99Micros(), recoveryMillis(drop.timelineP99s()),
                drop.p99Micros());
    }

    /**
     * The end (ms from the step's start) of the last slot whose p99 was above {@link #RECOVERED_P99_MICROS};
     * 0 when none was; -1 when the last slot with deliveries was, or no slot had any. Slots without deliveries
     * (-1) count as neither.
     */
    static long recoveryMillis(List<Long> slotP99s) {
        int lastAbove = -1;
        int lastSeen = -1;
        for (int i = 0; i < slotP99s.size(); i++) {
            long p99 = slotP99s.get(i);
            if (p99 >= 0) {
                lastSeen = i;
                if (p99 > RECOVERED_P99_MICROS) {
                    lastAbove = i;
                }
            }
        }
        if (lastSeen < 0) {
            return -1; // nothing delivered at all (e.g. every member disconnected): not a recovery
        }
        if (lastAbove < 0) {
            return 0;
        }
        return lastAbove == lastSeen ? -1 : (lastAbove + 1L) * FanoutSink.TIMELINE_SLOT_MILLIS;
    }

    /** Whether 2S delivered at least 90 % of the maximum, S × (N − 1) deliveries a second. */
    public boolean deliversEnoughAt2x() {
        return deliveredShareAt2x >= 0.9;
    }
}
