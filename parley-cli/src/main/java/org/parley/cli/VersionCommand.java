package org.parley.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code parley version}: prints the Parley and Java versions. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the Parley and Java versions.")
public final class VersionCommand implements Callable<Integer> {
    private final CliContext context;

    public VersionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.out().println(new VersionProvider().getVersion()[0]);
        context.out().flush();
        return 0;
    }
}
