package org.parley.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the {@code parley} command line in-process with captured output. */
final class TestCli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CliContext context;

    TestCli(Map<String, String> env) {
        context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true),
                env, false);
    }

    int run(String... args) {
        return ParleyCommands.build(context).execute(args);
    }
}
