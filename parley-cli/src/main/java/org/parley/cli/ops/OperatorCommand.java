package org.parley.cli.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.parley.cli.CliContext;
import org.parley.server.ops.Operator;
import picocli.CommandLine.Option;

/**
 * Common part of the operator subcommands: the data directory they open with {@link Operator},
 * and the open / work / close / print sequence every one of them runs.
 */
abstract class OperatorCommand implements Callable<Integer> {
    final CliContext context;

    @Option(names = "--data", paramLabel = "DIR", description = "Server data directory. Env PARLEY_DATA. Default: ./parley-data")
    Path data;

    OperatorCommand(CliContext context) {
        this.context = context;
    }

    Path dataDirectory() {
        return data != null ? data : Path.of(context.env().getOrDefault("PARLEY_DATA", "parley-data"));
    }

    /**
     * Opens the data directory's {@link Operator}, applies {@code work} to it and closes it; only
     * then prints the lines {@code work} returned, one per line, so nothing is reported unless the
     * database closed cleanly. Returns exit status 0. A failure (no database, no such user, ...)
     * escapes to the command line's failure handler, which prints one line and exits with 1.
     */
    final int withOperator(Function<Operator, List<String>> work) {
        List<String> lines;
        try (Operator operator = Operator.open(dataDirectory())) {
            lines = work.apply(operator);
        }
        lines.forEach(context.out()::println);
        context.out().flush();
        return 0;
    }
}
