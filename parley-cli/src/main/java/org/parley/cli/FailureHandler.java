package org.parley.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one clear line on standard error and exit status 1,
 * instead of a stack trace. Messages of Parley's exceptions never hold secrets, so they are shown.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private final CliContext context;

    FailureHandler(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        String what = switch (ex) {
            case UncheckedIOException e -> e.getCause().getMessage();
            case IOException e -> e.getMessage();
            default -> ex.getClass().getSimpleName() + ": " + ex.getMessage();
        };
        context.err().println("parley " + commandLine.getCommandName() + ": " + what);
        context.err().flush();
        return 1;
    }
}
