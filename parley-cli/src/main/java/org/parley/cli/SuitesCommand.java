package org.parley.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.parley.e2ee.E2eSuite;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SuiteCatalog;
import org.parley.protocol.suite.SuiteComponent;
import org.parley.protocol.suite.SuitePreferences;
import picocli.CommandLine.Command;

/**
 * {@code parley suites}: every suite component with its security level, forward secrecy,
 * post-quantum and status labels, then each preset's components in preference order, then the
 * end-to-end suites of private conversations with theirs.
 */
@Command(name = "suites", mixinStandardHelpOptions = true,
        description = "List every cipher suite component with its security labels, and the presets.")
public final class SuitesCommand implements Callable<Integer> {
    private final CliContext context;

    public SuitesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var out = context.out();
        SuiteCatalog.describe().forEach(out::println);
        out.println();
        out.println("presets (components in preference order):");
        for (Preset preset : Preset.values()) {
            SuitePreferences p = preset.preferences();
            out.println("  " + preset.name().toLowerCase(Locale.ROOT) + (preset == Preset.MODERN ? " (default)" : ""));
            out.println("    key exchange: " + labels(p.keyExchanges()));
            out.println("    signature:    " + labels(p.signatures()));
            out.println("    cipher:       " + labels(p.ciphers()));
            out.println("    hash:         " + labels(p.hashes()));
        }
        out.println();
        printEndToEnd(out);
        out.flush();
        return 0;
    }

    /** The end-to-end suites of private conversations (docs/E2EE.md, "Suites"), weakest first. */
    private static void printEndToEnd(java.io.PrintWriter out) {
        out.println("end-to-end suites (private conversations, weakest first):");
        out.println(String.format(Locale.ROOT, "  %-21s %4s %5s  %-9s %-10s %-3s %s",
                "label", "code", "bits", "PQ start", "PQ ratchet", "FS", "post-compromise"));
        for (E2eSuite suite : E2eSuite.values()) {
            E2eSuite.SuiteLabels l = suite.labels();
            String label = suite.label() + (suite == E2eSuite.DEFAULT ? " (default)" : "");
            out.println(String.format(Locale.ROOT, "  %-21s %4d %5d  %-9s %-10s %-3s %s", label, suite.code(),
                    l.classicalBits(), yesNo(suite.postQuantumStart()), yesNo(suite.postQuantumRatchet()),
                    yesNo(l.forwardSecrecy()), l.postCompromise()));
        }
        out.println("  post-quantum algorithm (PQ start and PQ steps): ML-KEM-768 (NIST category 3)");
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String labels(java.util.List<? extends SuiteComponent> components) {
        return components.stream().map(SuiteComponent::label).collect(Collectors.joining(", "));
    }
}
