package org.parley.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.parley.server.ops.OperatorException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one clear line on standard error and exit status 1,
 * instead of a stack trace, prefixed with the full command ({@code parley users disable: no such
 * user}). Messages of Parley's exceptions never hold secrets, so they are shown; class names only
 * for an unexpected exception, which is a bug.
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
            // Operator failures ("no such user") and bad settings ("port must be a number, got 'x'")
            // carry a message written for people.
            case OperatorException e -> e.getMessage();
            case IllegalArgumentException e -> e.getMessage();
            // Anything else is a bug: name it, so that the report says what happened.
            default -> "unexpected error (please report it): " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
        };
        context.err().println(commandLine.getCommandSpec().qualifiedName() + ": " + what);
        context.err().flush();
        return 1;
    }
}
