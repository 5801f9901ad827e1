package org.parley.cli.ops;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.parley.cli.CliContext;
import org.parley.server.ops.Operator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley invites create}: makes invite codes for registration policy {@code invite}. */
@Command(name = "invites", mixinStandardHelpOptions = true, description = "Create invite codes.")
public final class InvitesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code invites} command with its subcommand. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine invites = new CommandLine(new InvitesCommand());
        invites.addSubcommand("create", new Create(context));
        return invites;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create invite codes and print one per line.")
    static final class Create extends OperatorCommand implements Callable<Integer> {
        @Option(names = "--count", defaultValue = "1", description = "How many codes (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--valid-days", defaultValue = "7", description = "Days until a code expires (default: ${DEFAULT-VALUE}).")
        int validDays;

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            if (count < 1 || validDays < 1) {
                throw new CommandLine.ParameterException(spec(), "--count and --valid-days must be at least 1");
            }
            try (Operator operator = Operator.open(dataDirectory())) {
                operator.createInvites(count, Duration.ofDays(validDays)).forEach(context.out()::println);
            }
            context.out().flush();
            return 0;
        }

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private CommandLine spec() {
            return spec.commandLine();
        }
    }
}
