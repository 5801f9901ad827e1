package org.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The load generator's command line (bench/run.sh and bench/README.md describe every scenario):
 *
 * <pre>
 * BenchMain fanout [--members 100] [--senders 10] [--size 100] [--seconds 5] [--grace 2] [--warmup 3]
 *                  [--rates 500,1000,...] [--until-saturated] [--pin] [--threads 1] [--heap 1g] [--work DIR]
 * </pre>
 *
 * It starts the server itself in a child JVM ({@link ServerProcess}); with {@code --pin} the server
 * runs on core 0 and this generator should run on core 1 ({@code taskset -c 1}, as bench/fanout.sh does).
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
    }

    private static void fanout(Options options) throws Exception {
        FanoutSettings settings = new FanoutSettings(options.integer("members", 100), options.integer("senders", 10),
                options.integer("size", 100), options.decimal("seconds", 5), options.decimal("grace", 2),
                options.decimal("warmup", 3),
                options.decimals("rates", FanoutSettings.ladder(250, 40_000)), options.flag("until-saturated"));
        Path work = options.values().containsKey("work") ? Path.of(options.text("work", ""))
                : Files.createTempDirectory("parley-bench");
        FanoutSink sink = new FanoutSink();
        Optional<Integer> core = options.flag("pin") ? Optional.of(0) : Optional.empty();
        try (ServerProcess server = ServerProcess.parley(work, core, options.text("heap", "1g"));
             LoadClients clients = new LoadClients(options.integer("threads", 1));
             ParleyRoom room = ParleyRoom.join(clients, server.address(), settings.members(), sink)) {
            List<FanoutStep> steps = new FanoutLadder(settings, server.cpu(), room.senders(settings.senders()), sink).run();
            FanoutTable.print(System.out, "Parley", settings, steps);
            System.out.println("# load average at the end " + Machine.loadAverage());
        }
    }
}
