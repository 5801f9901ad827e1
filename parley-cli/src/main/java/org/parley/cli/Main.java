package org.parley.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of the {@code parley} command: the one composition root that touches the process's
 * standard streams, environment and exit status, and hands them to the commands.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Our logging setup (stdout only for the server console; JSON mode keeps stdout clean),
        // chosen before any logger exists; an explicit -Dlogback.configurationFile still wins.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "parley-logback.xml");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(System.in, out, err, System.getenv(), System.console() != null);
        int status = ParleyCommands.build(context).execute(args);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
