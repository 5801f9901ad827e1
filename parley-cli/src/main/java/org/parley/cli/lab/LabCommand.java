package org.parley.cli.lab;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.cli.CliContext;
import org.parley.cli.Messages;
import org.parley.lab.Lab;
import org.parley.lab.LabText;
import org.parley.lab.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley lab list|run}: the attack lab (docs/LAB.md). */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Attack lab: run attacks against a real Parley server and client and see what stops them.")
public final class LabCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The {@code lab} command with its subcommands. */
    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new LabCommand()).addSubcommand("list", new ListScenarios(context))
                .addSubcommand("run", new RunScenarios(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code parley lab list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenarios and their variants.")
    static final class ListScenarios implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--lang", description = "en or zh (default: the system language)")
        String lang;

        ListScenarios(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            LabText text = LabText.forLocale(Messages.locale(lang, Locale.getDefault()));
            var out = context.out();
            out.println(text.get("list.header"));
            for (Scenario s : Lab.standard().scenarios()) {
                String variants = s.variants().stream().sorted().map(v -> v.label()).reduce((a, b) -> a + ", " + b).orElse("");
                out.println("  " + s.name());
                out.println("      " + text.summary(s) + "  [" + variants + "]");
            }
            out.flush();
            return 0;
        }
    }
}
