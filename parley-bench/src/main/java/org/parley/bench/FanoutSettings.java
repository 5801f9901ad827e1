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
 */
public record FanoutSettings(int members, int senders, int size, double seconds, double graceSeconds,
        double warmUpSeconds, List<Double> rates, boolean untilSaturated) {

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
        rates = List.copyOf(rates);
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
