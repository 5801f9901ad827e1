package org.parley.cli.ops;

import java.nio.file.Path;
import org.parley.cli.CliContext;
import picocli.CommandLine.Option;

/** Common part of the operator commands: the data directory they open with {@code Operator}. */
abstract class OperatorCommand {
    final CliContext context;

    @Option(names = "--data", paramLabel = "DIR", description = "Server data directory. Env PARLEY_DATA. Default: ./parley-data")
    Path data;

    OperatorCommand(CliContext context) {
        this.context = context;
    }

    Path dataDirectory() {
        return data != null ? data : Path.of(context.env().getOrDefault("PARLEY_DATA", "parley-data"));
    }
}
