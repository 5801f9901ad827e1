package org.parley.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command may use from its process: standard streams, environment variables, and whether a
 * terminal is attached. Tests build one with in-memory streams and a chosen environment.
 *
 * @param interactive whether standard input is a terminal (prompts are possible)
 */
public record CliContext(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, boolean interactive) {

    public CliContext {
        env = Map.copyOf(env);
    }
}
