package org.parley.bench;

import java.util.List;

/**
 * A room fan-out ladder: {@code members} clients in one room, the first {@code senders} of them
 * sending {@code size}-byte messages at each offered rate of {@code rates} (messages a second, all
 * senders together) for {@code seconds}, with up to {@code graceSeconds} after each window for the
 * last deliveries. With {@code untilSaturated} the ladder stops after
 * {@value #FAILED_STEPS_TO_STOP} steps in a row that did not keep up ({@link FanoutStep#keptUp()}:
 * one noisy step on a shared machine does not end it, and a busy machine whose p99 misses 50 ms at
 * every rate still finds the server's peak). A warm-up of {@code warmUpSeconds} at the first rate, not reported, comes first.
 *
 * <p>With {@code refineSteps} above 0 the ladder is followed by that many steps between its best
 * sustained rate and the next rate it offered ({@link #refinement}), on a fresh room
 * ({@link RoomLadder#refined}), so that two servers sustaining the same 1.5× step are told apart.
 */
public record FanoutSettings(int members, int senders, int size, double seconds, double graceSeconds,
        double warmUpSeconds, List<Double> rates, boolean untilSaturated, int refineSteps) {

    /** Steps in a row that must not keep up before an {@code untilSaturated} ladder stops. */
    public static final int FAILED_STEPS_TO_STOP = 2;

    /** Messages carry a header of at most this many bytes ("step:sender:nanos:"); smaller sizes are raised to it. */
    public static final int MIN_SIZE = 40;

    public FanoutSettings {
        if (members < 2 || senders < 1 || senders > members) {
            throw new IllegalArgumentException("need at least 2 members and 1..members senders");
        }
        if (size < 1 || seconds <= 0 || graceSeconds < 0 || warmUpSeconds < 0 || rates.isEmpty()) {
            throw new IllegalArgumentException("size, seconds and at least one rate must be positive");
        }
        if (refineSteps < 0 || refineSteps > MAX_REFINE_STEPS) {
            throw new IllegalArgumentException("refine steps must be 0.." + MAX_REFINE_STEPS + ": " + refineSteps);
        }
        rates = List.copyOf(rates);
    }

    /** A ladder without refinement. */
    public FanoutSettings(int members, int senders, int size, double seconds, double graceSeconds,
            double warmUpSeconds, List<Double> rates, boolean untilSaturated) {
        this(members, senders, size, seconds, graceSeconds, warmUpSeconds, rates, untilSaturated, 0);
    }

    /**
     * The same ladder over {@code refinementRates}, stopping after {@value #FAILED_STEPS_TO_STOP} steps in a
     * row that did not keep up, and not refined again.
     */
    public FanoutSettings refining(List<Double> refinementRates) {
        return new FanoutSettings(members, senders, size, seconds, graceSeconds, warmUpSeconds, refinementRates, true, 0);
    }

    /** The most refinement steps a ladder runs (each costs a window). */
    public static final int MAX_REFINE_STEPS = 8;

    /**
     * The rates that refine a ladder: {@code count} rates spaced evenly by ratio strictly between the
     * offered rate of the best sustained step ({@link FanoutTable#best}) and the lowest rate offered
     * above it, lowest first; none when no step was sustained or none was offered above the best.
     */
    public static List<Double> refinement(List<FanoutStep> steps, int count) {
        FanoutStep best = FanoutTable.best(steps);
        if (best == null || count == 0) {
            return List.of();
        }
        double low = best.offeredPerSecond();
        double high = steps.stream().mapToDouble(FanoutStep::offeredPerSecond).filter(rate -> rate > low)
                .min().orElse(Double.NaN);
        if (Double.isNaN(high)) {
            return List.of();
        }
        double ratio = Math.pow(high / low, 1.0 / (count + 1));
        java.util.ArrayList<Double> rates = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            double rate = Math.round(low * Math.pow(ratio, i));
            if (rate > low && rate < high && (rates.isEmpty() || rate > rates.getLast())) {
                rates.add(rate);
            }
        }
        return List.copyOf(rates);
    }

    /** The rate ladder used when none is given: 1.5× steps from {@code from} up to {@code to}. */
    public static List<Double> ladder(double from, double to) {
        java.util.ArrayList<Double> rates = new java.util.ArrayList<>();
        for (double rate = from; rate <= to; rate *= 1.5) {
            rates.add((double) Math.round(rate));
        }
        return rates;
    }
}
