package org.parley.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SuiteCatalog;
import org.parley.protocol.suite.SuiteComponent;
import org.parley.protocol.suite.SuitePreferences;
import picocli.CommandLine.Command;

/**
 * {@code parley suites}: every suite component with its security level, forward secrecy,
 * post-quantum and status labels, then each preset's components in preference order.
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
        out.flush();
        return 0;
    }

    private static String labels(java.util.List<? extends SuiteComponent> components) {
        return components.stream().map(SuiteComponent::label).collect(Collectors.joining(", "));
    }
}
