package org.parley.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
            case UncheckedIOException e -> describe(e.getCause());
            case IOException e -> describe(e);
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

    /**
     * The JDK's file exceptions without a reason have only the path as their message ("/var/lib/parley/scram-secret"):
     * the reason their type stands for is added.
     */
    private static String describe(IOException e) {
        String reason = switch (e) {
            case FileSystemException f when f.getReason() != null || f.getOtherFile() != null -> null;
            case AccessDeniedException f -> "permission denied";
            case NoSuchFileException f -> "no such file or directory";
            case NotDirectoryException f -> "not a directory";
            default -> null;
        };
        return reason == null ? e.getMessage() : e.getMessage() + ": " + reason;
    }
}
