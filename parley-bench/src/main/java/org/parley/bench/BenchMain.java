package org.parley.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.protocol.suite.Preset;

/**
 * The load generator's command line; bench/README.md describes every scenario and option:
 *
 * <pre>
 * BenchMain fanout    [--target parley|ngircd|inspircd|redis] [--members 100] [--senders 10] [--size 100]
 *                     [--rates 500,1000,...] [--until-saturated] [--seconds 5] [--grace 2] [--warmup 3]
 *                     [--refine K (K more steps between the best sustained rate and the next rate offered)]
 *                     [--no-batch (Parley members do not ask for batch records)]
 *                     [--once (Parley senders send each message once with a send id, as the reference clients do)]
 *                     [--warmup-rate R (the warm-up's rate; default the first step's; R1,R2,...: a warm-up step at each)]
 *                     [--metrics (Parley serves its metrics; each step reports its refusal counters by bucket and room-backlog condition)]
 *                     [--server-jfr (Parley's JVM records WORK/server.jfr)]
 *                     [--window 256 (Parley senders keep at most this many messages unanswered, PROTOCOL 14.7; 0: open loop)]
 *                     [--window-queue 64 (messages queued behind a full window before one is held back)] [--open-loop]
 *                     [--overload S (instead of --rates: S, 1.5S, 2S, 0.5S back to back, issue 13 §3)]
 *                     [--check-target ngircd|best-peer --results results.tsv (instead of --rates: Parley at 1.5x the
 *                      peer's sustained N-member rate from the run's RESULT lines, one step after two below it)]
 * BenchMain durable   [--target parley|redis-aof] [--concurrency 1,16,64] [--size 100] [--seconds 5] [--once]
 * BenchMain handshake [--target parley|jdk-tls] [--preset MODERN] [--login] [--in-flight 16] [--seconds 5]
 * BenchMain idle      [--target parley|ngircd|inspircd|redis] [--totals 1000,10000] [--idle-seconds 20]
 * BenchMain history   [--messages 5000] [--readers 4] [--seconds 5]
 * common:             [--port P --pid PID (a peer's, from bench/peers.sh)] [--pin] [--threads 1] [--work DIR]
 * </pre>
 *
 * For Parley it starts the server itself in a child JVM ({@link ServerProcess}); with {@code --pin}
 * that server runs on core 0 and this generator should run on core 1 ({@code taskset -c 1}, as the
 * bench scripts do). Each scenario prints its own table and {@code RESULT} lines ({@link Results}).
 */
public final class BenchMain {
    /** The peer servers, whose clients use {@link PeerTls#fastestClientContext()}. */
    private static final java.util.Set<String> PEERS = java.util.Set.of("ngircd", "inspircd", "redis", "redis-aof");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.println(Machine.describe());
        Results results = new Results(System.out);
        if (PEERS.contains(options.text("target", "parley"))) {
            System.out.println("# the peers' clients' TLS: " + PeerTls.fastestClientContext().provider());
        }
        try (LoadClients clients = new LoadClients(options.integer("threads", 1))) {
            switch (options.scenario()) {
                case "fanout" -> fanout(options, clients, results);
                case "durable" -> durable(options, clients, results);
                case "handshake" -> handshake(options, clients, results);
                case "idle" -> idle(options, clients, results);
                case "history" -> history(options, clients, results);
                default -> throw new IllegalArgumentException("unknown scenario " + options.scenario()
                        + " (fanout, durable, handshake, idle, history)");
            }
        }
        System.out.println("# load average at the end " + Machine.loadAverage());
    }

    private static void fanout(Options options, LoadClients clients, Results results) throws Exception {
        double overload = options.decimal("overload", 0);
        int members = options.integer("members", 100);
        FanoutTargetCheck check = null;
        List<Double> warmUpRates = options.decimals("warmup-rate", List.of(0.0));
        if (options.values().containsKey("check-target")) { // Parley at 1.5x a peer's sustained rate (run.sh)
            String label = options.text("check-target", "");
            if (!options.values().containsKey("results")) {
                throw new IllegalArgumentException("--check-target needs --results FILE (the run's RESULT lines)");
            }
            switch (FanoutTargetCheck.choose(Files.readAllLines(Path.of(options.text("results", ""))), members, label)) {
                case FanoutTargetCheck.Choice.Skip skip -> {
                    FanoutTargetCheck.reportSkipped(members, label, skip.reason(), results);
                    return;
                }
                case FanoutTargetCheck.Choice.Run run -> check = run.check();
            }
            warmUpRates = check.warmUpRates();
            System.out.printf(Locale.ROOT, "# target check %s: Parley at %.0f msg/s = 1.5 x %s's sustained %.0f msg/s,"
                    + " after warm-up steps at %s msg/s%n", label, check.rate(), check.peerName(),
                    check.peerMessagesPerSecond(), warmUpRates);
        }
        FanoutSettings settings = new FanoutSettings(members, options.integer("senders", 10),
                options.integer("size", 100), options.decimal("seconds", 5), options.decimal("grace", 2),
                options.decimal("warmup", 3), overload > 0 ? OverloadSummary.rates(overload)
                        : check != null ? List.of(check.rate()) : options.decimals("rates", FanoutSettings.ladder(250, 40_000)),
                overload <= 0 && check == null && options.flag("until-saturated"),
                overload > 0 || check != null ? 0 : options.integer("refine", 0));
        String target = check != null ? "parley" : options.text("target", "parley");
        FanoutLadder.Pacing pacing = pacing(options, overload > 0);
        List<Double> warmUp = warmUpRates;
        RoomLadder.Run run;
        switch (target) {
            case "parley" -> {
                Path work = work(options);
                boolean batchRecords = !options.flag("no-batch");
                try (ServerProcess server = ServerProcess.parley(work, core(options), options.text("heap", "1g"),
                        "MODERN", options.flag("metrics"), serverJvmOptions(options, work));
                        SocketQueues queues = SocketQueues.start(server.address().getPort())) {
                    printBusyBefore(server.cpu());
                    run = RoomLadder.refined((ladder, warmUpSteps) -> {
                        FanoutSink sink = new FanoutSink();
                        try (ParleyRoom room = ParleyRoom.join(clients, server.address(), ladder.members(), sink,
                                batchRecords, RoomSends.of(options))) {
                            List<FanoutStep> steps = new FanoutLadder(ladder, server.cpu(), room.senders(ladder.senders()),
                                    sink, warmUpSteps, server.counters(), queues, pacing).run();
                            return new RoomLadder.Run(steps, room.disconnected());
                        }
                    }, settings, warmUp, ServerSettle.of(server.cpu())::awaitAndReport);
                }
            }
            case "redis" -> {
                printBusyBefore(peerCpu(options));
                try (SocketQueues queues = SocketQueues.start(peer(options).getPort())) {
                    run = RoomLadder.refined((ladder, warmUpSteps) -> {
                        FanoutSink sink = new FanoutSink();
                        try (RedisRoom room = RedisRoom.join(clients, peer(options), ladder.members(), ladder.senders(), sink)) {
                            return new RoomLadder.Run(new FanoutLadder(ladder, peerCpu(options), room.senders(), sink, warmUpSteps,
                                    ServerCounters.none(), queues, pacing).run(), 0);
                        }
                    }, settings, warmUp, ServerSettle.of(peerCpu(options))::awaitAndReport);
                }
            }
            case "ngircd", "inspircd" -> {
                printBusyBefore(peerCpu(options));
                try (SocketQueues queues = SocketQueues.start(peer(options).getPort())) {
                    run = RoomLadder.refined((ladder, warmUpSteps) -> {
                        FanoutSink sink = new FanoutSink();
                        try (IrcRoom room = IrcRoom.join(clients, peer(options), ladder.members(), ladder.senders(),
                                Optional.empty(), sink)) {
                            return new RoomLadder.Run(new FanoutLadder(ladder, peerCpu(options),
                                    room.senders(ladder.senders()), sink, warmUpSteps, ServerCounters.none(), queues, pacing).run(), 0);
                        }
                    }, settings, warmUp, ServerSettle.of(peerCpu(options))::awaitAndReport);
                }
            }
            default -> throw new IllegalArgumentException("unknown fan-out target " + target);
        }
        List<FanoutStep> steps = run.steps();
        long disconnected = run.disconnected();
        FanoutTable.print(System.out, target, settings, steps);
        if (disconnected > 0) {
            System.out.printf("# %d of %d members were disconnected during the ladder (a slow reader: the generator fell"
                    + " behind); the steps after it delivered to fewer members%n", disconnected, settings.members());
        }
        String name = options.text("name", "fanout-N" + settings.members());
        if (overload > 0) {
            overloadResults(name, target, overload, steps, results);
            return;
        }
        if (check != null) {
            check.report(settings.members(), steps.getLast(), results);
            return;
        }
        if (settings.rates().size() == 1) { // a latency run (echo): its p50, whatever was sustained
            FanoutStep only = steps.getLast();
            results.put(name + "-p50", target, only.p50Micros() / 1000.0, "ms",
                    String.format(Locale.ROOT, "p99 %.2f ms, %.2f%% delivered", only.p99Micros() / 1000.0,
                            100 * only.deliveredFraction()));
            return;
        }
        FanoutStep best = FanoutTable.best(steps);
        if (best == null) {
            results.put(name, target, 0, "deliveries/s", "no step sustained");
        } else {
            results.put(name, target, best.deliveriesPerSecond(), "deliveries/s", String.format(Locale.ROOT,
                    "%.0f msg/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, %.2f µs server CPU/delivery, generator %.2f cores (%.3f µs/delivery)",
                    best.messagesPerSecond(), best.p50Micros() / 1000.0, best.p99Micros() / 1000.0,
                    best.p999Micros() / 1000.0, best.serverMicrosPerDelivery(), best.generatorCores(),
                    best.generatorMicrosPerDelivery()) + generatorLimitNote(steps));
        }
        FanoutStep peak = FanoutTable.peak(steps);
        if (peak != null) {
            results.put(name + "-peak", target, peak.deliveriesPerSecond(), "deliveries/s",
                    String.format(Locale.ROOT, "highest rate that kept up (>= 99.9 %% delivered, p99 <= 1 s): p99 %.2f ms", peak.p99Micros() / 1000.0));
            results.put(name + "-cpu", target, peak.serverMicrosPerDelivery(), "µs CPU/delivery", String.format(Locale.ROOT,
                    "at the peak step: %.0f deliveries/s, generator %.2f cores (%.3f µs/delivery)", peak.deliveriesPerSecond(),
                    peak.generatorCores(), peak.generatorMicrosPerDelivery()));
        }
    }

    /**
     * How the senders pace their messages: Parley's keep the protocol's window (256 unanswered, a queue of
     * 64) unless {@code --open-loop} or {@code --window 0}; the peers' messages get no answer, so their
     * senders keep none whatever is given (bench/README.md, "The senders' window").
     */
    private static FanoutLadder.Pacing pacing(Options options, boolean backToBack) {
        int window = options.flag("open-loop") ? 0 : options.integer("window", SendWindow.PROTOCOL_WINDOW);
        int queue = window == 0 ? 0 : options.integer("window-queue", SendWindow.DEFAULT_QUEUE);
        FanoutLadder.Pacing pacing = new FanoutLadder.Pacing(window, queue, false);
        System.out.println(window == 0 ? "# senders: open loop (every message sent when due)"
                : "# senders that get an answer per message (Parley's; IRC's and Redis's get none and keep no window): at most "
                        + window + " unanswered, then a queue of " + queue + ", then held back (docs/PROTOCOL.md 14.7)");
        return backToBack ? pacing.backToBackSteps() : pacing;
    }

    /** The §3 figures of an overload sequence (bench/README.md, "Overload"), printed and as RESULT lines. */
    private static void overloadResults(String name, String target, double sustained, List<FanoutStep> steps,
            Results results) {
        if (steps.size() != 4) {
            System.out.println("# overload: the sequence did not run all four steps");
            return;
        }
        OverloadSummary o = OverloadSummary.of(steps);
        String recovery = o.recoveryMillis() < 0 ? "not within the 0.5S step"
                : String.format(Locale.ROOT, "%.1f s", o.recoveryMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "# %s overload from S = %.0f msg/s: at 2S %.1f %% of S × (N − 1) deliveries/s (target >= 90 %%);"
                + " p99 at 1.5S %.2f ms, at 2S %.2f ms; after the drop to 0.5S, p99 back under %d ms (per 100 ms) after %s"
                + " (the 0.5S step's p99 %.2f ms)%n", target, sustained, 100 * o.deliveredShareAt2x(),
                o.p99At15xMicros() / 1000.0, o.p99At2xMicros() / 1000.0, OverloadSummary.RECOVERED_P99_MICROS / 1000,
                recovery, o.p99At05xMicros() / 1000.0);
        FanoutStep twice = steps.get(2);
        results.put(name + "-2x-share", target, o.deliveredShareAt2x(), "share of S", String.format(Locale.ROOT,
                "S %.0f msg/s, a maximum of %.0f deliveries/s: %.0f at 2S (%.2f %% delivered, %d refused, %d held back);"
                        + " the S step delivered %.2f %%", sustained, steps.get(0).expectedDeliveries() / steps.get(0).seconds(),
                twice.deliveriesPerSecond(), 100 * twice.deliveredFraction(), twice.rejected(), twice.held(),
                100 * steps.get(0).deliveredFraction()));
        results.put(name + "-p99-1.5x", target, o.p99At15xMicros() / 1000.0, "ms", "p99 of the messages delivered at 1.5S");
        results.put(name + "-p99-2x", target, o.p99At2xMicros() / 1000.0, "ms", "p99 of the messages delivered at 2S");
        results.put(name + "-recovery", target, o.recoveryMillis() < 0 ? -1 : o.recoveryMillis() / 1000.0, "s",
                String.format(Locale.ROOT, "after the drop to 0.5S, until every later 100 ms had p99 <= 50 ms (-1: not"
                        + " within the step); the 0.5S step's p99 %.2f ms", o.p99At05xMicros() / 1000.0));
    }

    /** What the detail of a fan-out figure adds when the step above it failed with the generator's core full or its sends late. */
    private static String generatorLimitNote(List<FanoutStep> steps) {
        FanoutStep limit = FanoutTable.generatorLimit(steps);
        return limit == null ? "" : String.format(Locale.ROOT,
                "; generator-bound above: at %.0f msg/s the generator used %.2f of its core, its senders' lag p99 %.2f ms",
                limit.offeredPerSecond(), limit.generatorCores(), limit.split().sendLagP99() / 1000.0);
    }

    private static void durable(Options options, LoadClients clients, Results results) throws Exception {
        String target = options.text("target", "parley");
        int size = options.integer("size", 100);
        double warmUp = options.decimal("warmup", 2);
        double seconds = options.decimal("seconds", 5);
        System.out.printf("# durable messages/s (acknowledged after commit), %s, %d-byte messages%n", target, size);
        for (double c : options.decimals("concurrency", List.of(1.0, 16.0, 64.0))) {
            int senders = (int) c;
            Measurement m;
            if (target.equals("parley")) {
                try (ServerProcess server = parleyServer(options, "MODERN")) {
                    m = DurableScenario.parley(clients, server.address(), server.cpu(), senders, size, warmUp, seconds,
                            RoomSends.of(options));
                }
            } else {
                m = DurableScenario.redis(clients, peer(options), peerCpu(options), senders, size, warmUp, seconds);
            }
            System.out.printf(Locale.ROOT, "%3d senders: %8.0f msg/s, %s%n", senders, m.perSecond(), m.detail());
            results.put("durable-" + senders, target, m.perSecond(), "msg/s", m.detail());
        }
    }

    private static void handshake(Options options, LoadClients clients, Results results) throws Exception {
        String target = options.text("target", "parley");
        int inFlight = options.integer("in-flight", 16);
        double warmUp = options.decimal("warmup", 3);
        double seconds = options.decimal("seconds", 5);
        Measurement m;
        String name;
        if (target.equals("jdk-tls")) {
            Path work = work(options);
            try (ServerProcess server = ServerProcess.java(work, core(options), "512m", TlsServerMain.class,
                    options.text("cert", ""), options.text("key", ""), "PORT_FILE")) {
                m = HandshakeScenario.jdkTls(clients, server.address(), server.cpu(), inFlight, warmUp, seconds);
            }
            name = "handshake-login";
        } else {
            Preset preset = Preset.valueOf(options.text("preset", "MODERN"));
            boolean login = options.flag("login");
            try (ServerProcess server = parleyServer(options, preset.name())) {
                Optional<HandshakeScenario.KeyLogin> key = login
                        ? Optional.of(HandshakeScenario.keyLogin(clients, server.address())) : Optional.empty();
                m = HandshakeScenario.parley(clients, server.address(), server.cpu(), preset, key, inFlight, warmUp, seconds);
            }
            name = "handshake" + (login ? "-login" : "") + (preset == Preset.MODERN ? "" : "-" + preset.name());
        }
        System.out.printf(Locale.ROOT, "# handshakes %s: %.0f /s, %.0f per server CPU-second, %s%n", target,
                m.perSecond(), m.perServerCpuSecond(), m.detail());
        results.put(name, target, m.perServerCpuSecond(), "per server CPU-s",
                String.format(Locale.ROOT, "%.0f /s, %s", m.perSecond(), m.detail()));
    }

    private static void idle(Options options, LoadClients clients, Results results) throws Exception {
        String target = options.text("target", "parley");
        List<Integer> totals = new ArrayList<>();
        options.decimals("totals", List.of(1000.0, 10_000.0)).forEach(t -> totals.add(t.intValue()));
        double idleSeconds = options.decimal("idle-seconds", 20);
        List<IdleScenario.Step> steps;
        List<AutoCloseable> open = new ArrayList<>();
        switch (target) {
            case "parley" -> {
                try (ServerProcess server = parleyServer(options, "MODERN")) {
                    steps = IdleScenario.run(server.cpu(), true, totals, idleSeconds,
                            more -> open.addAll(ParleyRoom.registered(clients, server.address(), more).stream()
                                    .map(c -> (AutoCloseable) c::close).toList()));
                    closeAll(open);
                }
            }
            case "ngircd", "inspircd" -> {
                int[] next = {0};
                steps = IdleScenario.run(peerCpu(options), false, totals, idleSeconds, more -> {
                    open.addAll(IrcRoom.connect(clients, peer(options), next[0], more, new FanoutSink()).stream()
                            .map(c -> (AutoCloseable) c::close).toList());
                    next[0] += more;
                });
                closeAll(open);
            }
            case "redis" -> {
                steps = IdleScenario.run(peerCpu(options), false, totals, idleSeconds,
                        more -> open.addAll(RedisRoom.connect(clients, peer(options), more, 0, new FanoutSink()).stream()
                                .map(c -> (AutoCloseable) c::close).toList()));
                closeAll(open);
            }
            default -> throw new IllegalArgumentException("unknown idle target " + target);
        }
        for (IdleScenario.Step s : steps) {
            System.out.printf(Locale.ROOT, "# idle %s, %d connections: heap %d B/conn, RSS %d B/conn%s%n", target,
                    s.connections(), s.heapBytesPerConnection(), s.rssBytesPerConnection(),
                    s.idleCpuPercent() >= 0 ? String.format(Locale.ROOT, ", idle CPU %.3f %% of a core", s.idleCpuPercent()) : "");
            String k = s.connections() >= 1000 ? s.connections() / 1000 + "k" : Integer.toString(s.connections());
            if (s.heapBytesPerConnection() >= 0) {
                results.put("heap-per-conn-" + k, target, s.heapBytesPerConnection() / 1024.0, "KiB", "live heap after full GC");
            }
            results.put("rss-per-conn-" + k, target, s.rssBytesPerConnection() / 1024.0, "KiB", "resident set size");
            if (s.idleCpuValid()) {
                results.put("idle-cpu-" + k, target, s.idleCpuPercent(), "% of a core", String.format(Locale.ROOT,
                        "%s s window; %.3f %% before any connection", idleSeconds, s.busyBeforePercent()));
            } else if (s.idleCpuPercent() >= 0) {
                System.out.printf(Locale.ROOT, "# idle CPU of %s not reported: it used %.1f %% of a core before this scenario"
                        + " opened any connection (above %.0f %%: leftover work of an earlier scenario, not idle connections)%n",
                        target, s.busyBeforePercent(), IdleScenario.BUSY_BEFORE_LIMIT_PERCENT);
            }
        }
    }

    private static void history(Options options, LoadClients clients, Results results) throws Exception {
        try (ServerProcess server = parleyServer(options, "MODERN")) {
            Measurement m = HistoryScenario.parley(clients, server.address(), server.cpu(), options.integer("messages", 5000),
                    options.integer("readers", 4), options.integer("size", 100), options.decimal("warmup", 2),
                    options.decimal("seconds", 5));
            System.out.printf(Locale.ROOT, "# history paging: %.0f messages/s served, %s%n", m.perSecond(), m.detail());
            results.put("history", "parley", m.perSecond(), "msg/s", m.detail());
        }
    }

    /**
     * Prints the server's CPU over 2 s before the scenario connects anything: a peer serves a whole run
     * in one process, and work left over from an earlier scenario would count in this one's CPU figures.
     */
    private static void printBusyBefore(ProcessCpu server) throws InterruptedException {
        System.out.printf(Locale.ROOT, "# server CPU before this scenario connected anything: %.1f %% of a core%n",
                IdleScenario.cpuPercent(server, 2000));
    }

    private static void closeAll(List<AutoCloseable> open) throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** With {@code --server-jfr}, the Parley server records a flight recording to server.jfr in the work directory. */
    private static List<String> serverJvmOptions(Options options, Path work) {
        if (!options.flag("server-jfr")) {
            return List.of();
        }
        return List.of("-XX:StartFlightRecording=filename=" + work.resolve("server.jfr").toAbsolutePath()
                + ",settings=profile,dumponexit=true");
    }

    private static ServerProcess parleyServer(Options options, String preset) throws Exception {
        return ServerProcess.parley(work(options), core(options), options.text("heap", "1g"), preset);
    }

    private static Path work(Options options) throws java.io.IOException {
        return options.values().containsKey("work") ? Path.of(options.text("work", ""))
                : Files.createTempDirectory("parley-bench");
    }

    private static Optional<Integer> core(Options options) {
        return options.flag("pin") ? Optional.of(0) : Optional.empty();
    }

    private static InetSocketAddress peer(Options options) {
        return new InetSocketAddress("127.0.0.1", options.integer("port", 0));
    }

    private static ProcessCpu peerCpu(Options options) {
        return new ProcessCpu(Long.parseLong(options.text("pid", "0")));
    }
}
