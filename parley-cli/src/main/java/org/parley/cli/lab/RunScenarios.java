package org.parley.cli.lab;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.cli.CliContext;
import org.parley.cli.Messages;
import org.parley.lab.Lab;
import org.parley.lab.LabTarget;
import org.parley.lab.LabText;
import org.parley.lab.Outcome;
import org.parley.lab.Scenario;
import org.parley.lab.ScenarioResult;
import org.parley.lab.Variant;
import org.parley.client.InsecureKeyLogFile;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley lab run NAME [--variant V] | --all}: runs attacks and prints the narrated trace (one
 * scenario) or the scoreboard ({@code --all}), or JSON for graders. The exit status is 0 only if
 * every verdict was the expected one.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run one scenario, or all of them (--all).")
final class RunScenarios implements Callable<Integer> {
    private final CliContext context;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the scenario (see 'parley lab list')")
    String name;

    @Option(names = "--all", description = "run every scenario against Parley and every broken variant; print a scoreboard")
    boolean all;

    @Option(names = "--variant", paramLabel = "V",
            description = "parley (default), insecure-no-mac, insecure-python-original, insecure-static-key, "
                    + "insecure-no-signature, insecure-no-binding, insecure-no-downgrade-protection, insecure-tofu-client, "
                    + "insecure-retry-client")
    String variant = "parley";

    @Option(names = "--server", paramLabel = "HOST:PORT",
            description = "attack this server (open registration needed) instead of starting one on loopback")
    String server;

    @Option(names = "--json", description = "print JSON (one object with every result) for graders")
    boolean json;

    @Option(names = "--lang", description = "en or zh (default: the system language)")
    String lang;

    @Option(names = "--record", paramLabel = "FILE",
            description = "write the frames the attacker captured to FILE (lab recording format; read it with 'parley inspect')")
    Path record;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "write what the attacker's proxy saw to FILE as a pcap capture (Wireshark, tcpdump, 'parley inspect')")
    Path pcap;

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "INSECURE: append the secrets of the lab's own clients and relays to FILE (created 0600)")
    Path keylog;

    RunScenarios(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        // The lab narrates; the server's own console lines would interleave with the trace.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("parley.server")).setLevel(Level.WARN);
        LabText text = LabText.forLocale(Messages.locale(lang, Locale.getDefault()));
        Lab lab = Lab.standard();
        List<Scenario> chosen = new ArrayList<>();
        if (all) {
            chosen.addAll(lab.scenarios());
        } else if (name != null) {
            chosen.add(lab.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "no scenario " + name + "; see 'parley lab list'")));
        } else {
            throw new IllegalArgumentException("name a scenario or give --all");
        }
        Variant v = Variant.fromLabel(variant).orElseThrow(() -> new IllegalArgumentException("no variant " + variant));
        Path work = Files.createTempDirectory("parley-lab");
        List<ScenarioResult> results = new ArrayList<>();
        java.util.Optional<InsecureKeyLogFile> keys = java.util.Optional.empty();
        if (keylog != null) {
            keys = java.util.Optional.of(InsecureKeyLogFile.open(keylog));
            context.err().println(text.get("keylog.warning", keylog));
            context.err().flush();
        }
        try (LabTarget target = server == null ? LabTarget.startLocal(work) : LabTarget.remote(parse(server), work)) {
            keys.ifPresent(target::logKeysTo);
            if (!json) {
                context.out().println(server == null
                        ? text.get("lab.server", String.valueOf(target.server().getPort()), target.user())
                        : text.get("lab.remote", server, target.user()));
            }
            results.addAll(all ? lab.runAll(target) : List.of(lab.run(chosen.getFirst(), v, target)));
        } finally {
            if (keys.isPresent()) {
                keys.get().close();
            }
            deleteTree(work);
        }
        if (record != null) {
            List<org.parley.lab.net.CapturedFrame> frames = results.stream().flatMap(r -> r.captured().stream()).toList();
            org.parley.lab.net.LabRecording.write(record, frames);
            if (!json) {
                context.out().println(text.get("inspect.recorded", String.valueOf(frames.size()), record));
            }
        }
        if (pcap != null) {
            List<org.parley.lab.net.CapturedFrame> frames = numberedAcrossRuns(results);
            org.parley.lab.capture.PcapWriter.write(pcap, frames, java.time.Instant.now());
            if (!json) {
                context.out().println(text.get("inspect.pcap", String.valueOf(frames.size()), pcap));
            }
        }
        print(text, results);
        return results.stream().allMatch(ScenarioResult::asExpected) ? 0 : 1;
    }

    /** The captured frames of every run, connections renumbered so that runs never share a number (nor ports). */
    private static List<org.parley.lab.net.CapturedFrame> numberedAcrossRuns(List<ScenarioResult> results) {
        List<org.parley.lab.net.CapturedFrame> frames = new ArrayList<>();
        int base = 0;
        for (ScenarioResult result : results) {
            int highest = 0;
            for (org.parley.lab.net.CapturedFrame f : result.captured()) {
                frames.add(new org.parley.lab.net.CapturedFrame(base + f.connection(), f.direction(), f.index(), f.bytes()));
                highest = Math.max(highest, f.connection());
            }
            base += highest;
        }
        return frames;
    }

    private void print(LabText text, List<ScenarioResult> results) throws Exception {
        var out = context.out();
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(text, results)));
        } else if (all) {
            text.scoreboard(results).forEach(out::println);
        } else {
            results.forEach(r -> text.narrate(r).forEach(out::println));
        }
        out.flush();
    }

    private static ObjectNode toJson(LabText text, List<ScenarioResult> results) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("allAsExpected", results.stream().allMatch(ScenarioResult::asExpected));
        ArrayNode list = root.putArray("results");
        for (ScenarioResult r : results) {
            ObjectNode node = list.addObject();
            node.put("scenario", r.scenario());
            node.put("variant", r.variant().label());
            node.put("expected", r.expected().name().toLowerCase(Locale.ROOT));
            node.put("verdict", r.outcome().map(Outcome::verdict).map(x -> x.name().toLowerCase(Locale.ROOT)).orElse("error"));
            node.put("asExpected", r.asExpected());
            r.outcome().flatMap(Outcome::check).ifPresent(c -> {
                ObjectNode check = node.putObject("check");
                check.put("observed", c.observed());
                check.put("section", c.section());
                check.put("enforcer", c.enforcer());
            });
            r.problem().ifPresent(p -> node.put("problem", p));
            ArrayNode trace = node.putArray("trace");
            r.steps().forEach(s -> trace.addObject().put("actor", s.actor().name().toLowerCase(Locale.ROOT))
                    .put("text", text.line(s)));
        }
        return root;
    }

    /** The lab server's data (its keys, database, logs) lives only as long as the run. */
    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--server needs HOST:PORT");
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
