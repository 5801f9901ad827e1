package org.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 13's fan-out target checked directly: "≥ 1.5× ngIRCd's sustained deliveries/s at N = 100, at equal
 * or better p99". The ladders alone cannot say it: each offers its own grid of rates, so a ratio of two
 * ladder figures is decided by the grid as much as by the servers (32,842 / 21,895 msg/s printed 1.4999×
 * in two of the 2026-12-06 runs). This check reads a peer's sustained step from the run's RESULT lines
 * ({@link #choose}), offers Parley exactly {@link #rate()} = ⌈1.5 × S⌉ msg/s on a fresh server after a warm-up
 * of the two ladder steps below it ({@link #warmUpRates()}), and judges that one step ({@link #met}).
 *
 * @param label what is checked against: {@code ngircd} or {@code best-peer}
 * @param peer the peer's target name (ngircd, inspircd, redis)
 * @param peerMessagesPerSecond S: the messages a second of the peer's best sustained step
 * @param peerDeliveriesPerSecond the deliveries a second of that step (the ladder's figure)
 * @param peerP99Millis the p99 latency of that step, ms
 */
record FanoutTargetCheck(String label, String peer, double peerMessagesPerSecond, double peerDeliveriesPerSecond,
        double peerP99Millis) {

    /** The target's factor over the peer's sustained deliveries a second. */
    static final double FACTOR = 1.5;
    /** The peers that run a fan-out ladder, in the order the table shows them. */
    static final List<String> PEERS = List.of("ngircd", "inspircd", "redis");
    private static final Map<String, String> NAMES = Map.of("ngircd", "ngIRCd", "inspircd", "InspIRCd", "redis", "Redis");
    /** A ladder figure's detail: "14596 msg/s, p50 7.26 ms, p99 35.07 ms, p99.9 ...". */
    private static final Pattern SUSTAINED = Pattern.compile("^(\\d+(?:\\.\\d+)?) msg/s, .*?\\bp99 (\\d+(?:\\.\\d+)?) ms");

    FanoutTargetCheck {
        if (!(peerMessagesPerSecond > 0) || !(peerDeliveriesPerSecond > 0) || !(peerP99Millis >= 0)) {
            throw new IllegalArgumentException("a target needs a peer's sustained step: " + peerMessagesPerSecond
                    + " msg/s, " + peerDeliveriesPerSecond + " deliveries/s, p99 " + peerP99Millis + " ms");
        }
    }

    /** What {@link #choose} found: a check to run, or why there is none. */
    sealed interface Choice {
        /** Run {@code check}. */
        record Run(FanoutTargetCheck check) implements Choice {
        }

        /** Nothing to run, for {@code reason} (a sentence for the table). */
        record Skip(String reason) implements Choice {
        }
    }

    /** The rate Parley is offered: 1.5 × S rounded up to a whole message a second. */
    double rate() {
        return Math.ceil(FACTOR * peerMessagesPerSecond);
    }

    /**
     * The warm-up before the one measured step, each rate for the ladder's warm-up time: the two steps a ladder
     * of 1.5× steps would have run below {@link #rate()} (R / 2.25, then R / 1.5), so that a fresh server meets R
     * after load like the one that led the ladder's top step, not cold.
     */
    List<Double> warmUpRates() {
        double rate = rate();
        return List.of((double) Math.round(rate / (FACTOR * FACTOR)), (double) Math.round(rate / FACTOR));
    }

    /** Parley's step at {@link #rate()} met the target: sustained (≥ 99.9 % delivered, p99 ≤ 50 ms) and p99 not above the peer's. */
    boolean met(FanoutStep step) {
        return step.sustained() && step.p99Micros() <= Math.round(peerP99Millis * 1000);
    }

    /** The RESULT row's name: {@code fanout-N100-target-ngircd}. */
    static String key(int members, String label) {
        return "fanout-N" + members + "-target-" + label;
    }

    /**
     * The check {@code label} ({@code ngircd}, or {@code best-peer}: the peer with the highest sustained
     * deliveries a second, when above ngIRCd's) from the RESULT lines of a run ({@code results.tsv}) at
     * {@code members}, or why it cannot run.
     */
    static Choice choose(List<String> resultLines, int members, String label) {
        String row = "fanout-N" + members;
        List<FanoutTargetCheck> sustained = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        for (String line : resultLines) {
            String[] f = line.split("\t", -1);
            if (f.length < 6 || !f[0].equals("RESULT") || !f[1].equals(row) || !PEERS.contains(f[2])) {
                continue;
            }
            ran.add(f[2]);
            parse(label, f[2], Double.parseDouble(f[3]), f[5]).ifPresent(sustained::add);
        }
        Optional<FanoutTargetCheck> ngircd = sustained.stream().filter(c -> c.peer().equals("ngircd")).findFirst();
        switch (label) {
            case "ngircd" -> {
                if (ngircd.isPresent()) {
                    return new Choice.Run(ngircd.get());
                }
                return new Choice.Skip(ran.contains("ngircd") ? "ngIRCd sustained no step at N = " + members
                        : "no ngIRCd ladder at N = " + members + " in this run");
            }
            case "best-peer" -> {
                Optional<FanoutTargetCheck> best = sustained.stream()
                        .max(java.util.Comparator.comparingDouble(FanoutTargetCheck::peerDeliveriesPerSecond));
                if (best.isEmpty()) {
                    return new Choice.Skip("no peer sustained a step at N = " + members);
                }
                if (ngircd.isPresent() && best.get().peerDeliveriesPerSecond() <= ngircd.get().peerDeliveriesPerSecond()) {
                    return new Choice.Skip("no peer sustained more deliveries a second than ngIRCd at N = " + members
                            + " (the check against ngIRCd is the best peer's)");
                }
                return new Choice.Run(best.get());
            }
            default -> throw new IllegalArgumentException("a target check is against ngircd or best-peer, not " + label);
        }
    }

    /** A peer's ladder figure as a check, or empty when it sustained no step (its figure 0, "no step sustained"). */
    private static Optional<FanoutTargetCheck> parse(String label, String peer, double deliveriesPerSecond, String detail) {
        Matcher m = SUSTAINED.matcher(detail);
        if (!(deliveriesPerSecond > 0) || !m.find()) {
            return Optional.empty();
        }
        return Optional.of(new FanoutTargetCheck(label, peer, Double.parseDouble(m.group(1)), deliveriesPerSecond,
                Double.parseDouble(m.group(2))));
    }

    /** The peer's name as the table writes it. */
    String peerName() {
        return NAMES.getOrDefault(peer, peer);
    }

    /**
     * The RESULT lines of Parley's {@code step} at {@link #rate()} ({@code bench/table.sh} prints the sentence from
     * them): the rate against S, the share delivered, the p99 against the peer's, and the verdict first in the detail.
     */
    void report(int members, FanoutStep step, Results results) {
        String key = key(members, label);
        boolean met = met(step);
        String detail = String.format(Locale.ROOT, "%s: Parley at %.0f msg/s = %.1f x %s's sustained %.0f msg/s delivered"
                        + " %.2f %% (%d held back, %d refused), p99 %.2f ms against %s's %.2f ms; %.0f deliveries/s, %.3f x %s's"
                        + " %.0f; %.2f µs server CPU/delivery, generator %.2f cores; the step sustained: %s",
                met ? "met" : "missed", rate(), FACTOR, peerName(), peerMessagesPerSecond, 100 * step.deliveredFraction(),
                step.held(), step.rejected(), step.p99Micros() / 1000.0, peerName(), peerP99Millis, step.deliveriesPerSecond(),
                step.deliveriesPerSecond() / peerDeliveriesPerSecond, peerName(), peerDeliveriesPerSecond,
                step.serverMicrosPerDelivery(), step.generatorCores(), FanoutTable.verdict(step));
        System.out.println("# target check " + label + ": " + detail);
        results.put(key, "parley", rate(), "msg/s offered", detail);
        results.put(key, peer, peerMessagesPerSecond, "msg/s offered", "its sustained step at N = " + members);
        results.put(key + "-delivered", "parley", 100 * step.deliveredFraction(), "% delivered",
                String.format(Locale.ROOT, "at %.0f msg/s", rate()));
        results.put(key + "-p99", "parley", step.p99Micros() / 1000.0, "ms", String.format(Locale.ROOT, "at %.0f msg/s", rate()));
        results.put(key + "-p99", peer, peerP99Millis, "ms", "at its sustained step");
    }

    /** The RESULT line of a check that could not run: unit {@code skipped}, the reason as its detail. */
    static void reportSkipped(int members, String label, String reason, Results results) {
        System.out.println("# target check " + label + " skipped: " + reason);
        results.put(key(members, label), "parley", 0, "skipped", reason);
    }
}
