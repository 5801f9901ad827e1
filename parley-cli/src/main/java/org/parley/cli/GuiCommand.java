package org.parley.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code parley gui}: listed here so that {@code parley --help} shows it, but started by the
 * {@code parley} launcher (bin/parley, or the release archive's), which runs the desktop client
 * with JavaFX as named modules. Reaching this class means the launcher was bypassed.
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Start the desktop client (needs a graphical display).")
public final class GuiCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    public GuiCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.err().println("parley gui: start the desktop client with the parley launcher (parley gui);"
                + " this Java program has no JavaFX on its class path");
        context.err().flush();
        return 1;
    }
}
