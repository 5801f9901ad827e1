package org.parley.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Prints a fan-out ladder: one line per step, then the highest sustained rate. */
final class FanoutTable {
    private FanoutTable() {
    }

    static void print(PrintStream out, String target, FanoutSettings settings, List<FanoutStep> steps) {
        out.printf(Locale.ROOT, "# fan-out %s: %d members, %d senders, %d-byte messages, %.1f s per step%n",
                target, settings.members(), settings.senders(), settings.size(), settings.seconds());
        out.printf(Locale.ROOT, "%10s %10s %9s %7s %12s %9s %9s %9s %8s %10s %11s %9s %9s %10s %s%n", "offered/s", "sent/s",
                "rejected", "held", "deliveries/s", "delivered", "p50 ms", "p99 ms", "p99.9 ms", "lag p99 ms", "µs CPU/dlv",
                "srv cores", "gen cores", "gen µs/dlv", "sustained");
        for (FanoutStep s : steps) {
            out.printf(Locale.ROOT, "%10.0f %10.0f %9d %7d %12.0f %8.2f%% %9.2f %9.2f %8.2f %10.2f %11.2f %9.2f %9.2f %10.3f %s%n",
                    s.offeredPerSecond(), s.messagesPerSecond(), s.rejected(), s.held(), s.deliveriesPerSecond(),
                    100 * s.deliveredFraction(), s.p50Micros() / 1000.0, s.p99Micros() / 1000.0, s.p999Micros() / 1000.0,
                    s.split().sendLagP99() / 1000.0, s.serverMicrosPerDelivery(), s.serverCores(), s.generatorCores(),
                    s.generatorMicrosPerDelivery(), verdict(s));
            if (!s.split().equals(LatencySplit.NONE)) {
                out.printf("%10s %s%n", "", splitLine(s.split()));
            }
            TreeMap<String, Long> refusals = new TreeMap<>(s.serverRefusals());
            refusals.keySet().removeIf(name -> name.startsWith(MetricsScrape.SERVER_WAIT));
            if (s.rejected() > 0 || !refusals.isEmpty()) {
                out.printf("%10s refused by code %s; server's refusal counters rose by %s%n", "",
                        new TreeMap<>(s.refusals()), refusals.isEmpty() ? "(none or not read)" : refusals);
            }
            String serverWait = serverWaitLine(s.serverRefusals());
            if (serverWait != null) {
                out.printf("%10s %s%n", "", serverWait);
            }
        }
        FanoutStep best = best(steps);
        if (best == null) {
            out.printf("# %s: no step was sustained%n", target);
        } else {
            out.printf(Locale.ROOT, "# %s: max sustained %.0f msg/s = %.0f deliveries/s, p99 %.2f ms, %.2f µs server CPU per delivery%n",
                    target, best.messagesPerSecond(), best.deliveriesPerSecond(), best.p99Micros() / 1000.0,
                    best.serverMicrosPerDelivery());
            FanoutStep limit = generatorLimit(steps);
            if (limit != null) {
                out.printf(Locale.ROOT, "# %s: at %.0f msg/s, the next step, the generator used %.2f of its core and its"
                        + " senders' lag p99 was %.2f ms: the sustained figure is a lower bound, set by the generator"
                        + " as much as by the server%n",
                        target, limit.offeredPerSecond(), limit.generatorCores(), limit.split().sendLagP99() / 1000.0);
            }
        }
    }

    /** The sustained column: yes or no, and why the generator may have been the limit. */
    static String verdict(FanoutStep s) {
        String why = s.generatorBound() && s.sendsLate() ? "generator-bound, sends late"
                : s.generatorBound() ? "generator-bound" : s.sendsLate() ? "sends late" : "";
        if (s.sustained()) {
            return s.sendsLate() ? "yes (sends late)" : "yes";
        }
        return why.isEmpty() ? "no" : "no (" + why + ")";
    }

    /**
     * The server's own time from a room message's arrival to its lane's check, from what its timer's
     * buckets rose by over the step ({@link MetricsScrape}), as the share of the step's room messages
     * within each bucket; null when the counters were not read or no room message was timed.
     */
    static String serverWaitLine(Map<String, Long> rose) {
        long count = rose.getOrDefault(MetricsScrape.SERVER_WAIT + "count", 0L);
        if (count == 0) {
            return null;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "server's own time from a room message's arrival to its lane's check (%d messages):", count));
        for (String le : List.of("0.001", "0.005", "0.025", "0.1", "0.5", "2.5")) {
            long within = rose.getOrDefault(MetricsScrape.SERVER_WAIT + "le=" + le, 0L);
            line.append(String.format(Locale.ROOT, " <= %s ms %.1f %%,", new java.math.BigDecimal(le).movePointRight(3)
                    .stripTrailingZeros().toPlainString(), 100.0 * within / count));
        }
        line.setLength(line.length() - 1);
        return line.toString();
    }

    /** One line of where a step's latency went ({@link LatencySplit}), in ms. */
    static String splitLine(LatencySplit split) {
        String line = String.format(Locale.ROOT, "send lag p50/p99/max %.2f/%.2f/%.2f ms; from schedule p99 %.2f ms",
                split.sendLagP50() / 1000.0, split.sendLagP99() / 1000.0, split.sendLagMax() / 1000.0,
                split.fromScheduleP99() / 1000.0);
        if (split.windowed()) {
            line += String.format(Locale.ROOT, "; window wait p99/max %.2f/%.2f ms (in the headline and in send to"
                    + " server's stamp)", split.windowWaitP99() / 1000.0, split.windowWaitMax() / 1000.0);
        }
        if (split.hasServerTime()) {
            line += String.format(Locale.ROOT, "; send to server's stamp p50/p99 %.2f/%.2f ms, server's stamp to read"
                    + " p50/p99 %.2f/%.2f ms", split.toServerP50() / 1000.0, split.toServerP99() / 1000.0,
                    split.fromServerP50() / 1000.0, split.fromServerP99() / 1000.0);
        }
        SocketQueues.Totals q = split.queues();
        if (q.known()) {
            line += String.format(Locale.ROOT, "; most queued in the kernel: generator unread %.1f MB, server unsent %.1f MB,"
                    + " server unread %.1f MB, generator unsent %.1f MB", q.clientUnread() / 1e6, q.serverUnsent() / 1e6,
                    q.serverUnread() / 1e6, q.clientUnsent() / 1e6);
        }
        if (split.senderUnsentMax() >= 0) {
            line += String.format(Locale.ROOT, "; most in one sender's own outbound buffer %.1f MB",
                    split.senderUnsentMax() / 1e6);
        }
        return line;
    }

    /**
     * The lowest-rate step offered above the best sustained one that was not sustained while the
     * generator used its whole core or its senders were late ({@link FanoutStep#generatorLimited()}), or
     * null: when there is one,
     * the best sustained figure may be the generator's limit rather than the server's.
     */
    static FanoutStep generatorLimit(List<FanoutStep> steps) {
        FanoutStep best = best(steps);
        if (best == null) {
            return null;
        }
        FanoutStep next = null;
        for (FanoutStep s : steps) {
            if (s.offeredPerSecond() > best.offeredPerSecond() && !s.sustained()
                    && (next == null || s.offeredPerSecond() < next.offeredPerSecond())) {
                next = s;
            }
        }
        return next != null && next.generatorLimited() ? next : null;
    }

    /** The step with the highest delivery rate that kept up ({@link FanoutStep#keptUp()}), or null. */
    static FanoutStep peak(List<FanoutStep> steps) {
        FanoutStep peak = null;
        for (FanoutStep s : steps) {
            if (s.keptUp() && (peak == null || s.deliveriesPerSecond() > peak.deliveriesPerSecond())) {
                peak = s;
            }
        }
        return peak;
    }

    /** The sustained step with the highest delivery rate, or null. */
    static FanoutStep best(List<FanoutStep> steps) {
        FanoutStep best = null;
        for (FanoutStep s : steps) {
            if (s.sustained() && (best == null || s.deliveriesPerSecond() > best.deliveriesPerSecond())) {
                best = s;
            }
        }
        return best;
    }
}
