package org.parley.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The load generator's command line (bench/README.md describes every scenario and option):
 *
 * <pre>
 * BenchMain fanout [--target parley|ngircd|inspircd|redis] [--port P --pid PID (a peer's)]
 *                  [--members 100] [--senders 10] [--size 100] [--seconds 5] [--grace 2] [--warmup 3]
 *                  [--rates 500,1000,...] [--until-saturated] [--pin] [--threads 1] [--heap 1g] [--work DIR]
 * </pre>
 *
 * For Parley it starts the server itself in a child JVM ({@link ServerProcess}); with {@code --pin}
 * that server runs on core 0 and this generator should run on core 1 ({@code taskset -c 1}, as
 * bench/fanout.sh does). A peer is started by bench/peers.sh and named by its port and PID.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.println(Machine.describe());
        switch (options.scenario()) {
            case "fanout" -> fanout(options);
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario() + " (fanout)");
        }
        System.out.println("# load average at the end " + Machine.loadAverage());
    }

    static FanoutSettings fanoutSettings(Options options) {
        return new FanoutSettings(options.integer("members", 100), options.integer("senders", 10),
                options.integer("size", 100), options.decimal("seconds", 5), options.decimal("grace", 2),
                options.decimal("warmup", 3), options.decimals("rates", FanoutSettings.ladder(250, 40_000)),
                options.flag("until-saturated"));
    }

    private static void fanout(Options options) throws Exception {
        FanoutSettings settings = fanoutSettings(options);
        String target = options.text("target", "parley");
        List<FanoutStep> steps;
        try (LoadClients clients = new LoadClients(options.integer("threads", 1))) {
            steps = switch (target) {
                case "parley" -> parleyFanout(options, clients, settings);
                case "ngircd", "inspircd", "redis" -> peerFanout(options, clients, settings, target);
                default -> throw new IllegalArgumentException("unknown target " + target);
            };
        }
        FanoutTable.print(System.out, target, settings, steps);
    }

    private static List<FanoutStep> parleyFanout(Options options, LoadClients clients, FanoutSettings settings)
            throws Exception {
        FanoutSink sink = new FanoutSink();
        Path work = options.values().containsKey("work") ? Path.of(options.text("work", ""))
                : Files.createTempDirectory("parley-bench");
        Optional<Integer> core = options.flag("pin") ? Optional.of(0) : Optional.empty();
        try (ServerProcess server = ServerProcess.parley(work, core, options.text("heap", "1g"));
             ParleyRoom room = ParleyRoom.join(clients, server.address(), settings.members(), sink)) {
            return new FanoutLadder(settings, server.cpu(), room.senders(settings.senders()), sink).run();
        }
    }

    private static List<FanoutStep> peerFanout(Options options, LoadClients clients, FanoutSettings settings, String target)
            throws Exception {
        FanoutSink sink = new FanoutSink();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", options.integer("port", 0));
        ProcessCpu cpu = new ProcessCpu(Long.parseLong(options.text("pid", "0")));
        if (target.equals("redis")) {
            try (RedisRoom room = RedisRoom.join(clients, address, settings.members(), settings.senders(), sink)) {
                return new FanoutLadder(settings, cpu, room.senders(), sink).run();
            }
        }
        try (IrcRoom room = IrcRoom.join(clients, address, settings.members(), settings.senders(), Optional.empty(), sink)) {
            return new FanoutLadder(settings, cpu, room.senders(settings.senders()), sink).run();
        }
    }
}
