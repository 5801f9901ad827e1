package org.parley.cli.ops;

import java.time.Duration;
import org.parley.cli.CliContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley invites create}: makes invite codes for registration policy {@code invite}. */
@Command(name = "invites", mixinStandardHelpOptions = true, description = "Create invite codes.")
public final class InvitesCommand extends OperatorGroup {

    /** The {@code invites} command with its subcommand. */
    public static CommandLine commandLine(CliContext context) {
        return new InvitesCommand().withSubcommands(new Create(context));
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create invite codes and print one per line.")
    static final class Create extends OperatorCommand {
        @Option(names = "--count", defaultValue = "1", description = "How many codes (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--valid-days", defaultValue = "7", description = "Days until a code expires (default: ${DEFAULT-VALUE}).")
        int validDays;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            // Checked before the database is opened: a usage error (exit 2) touches nothing.
            if (count < 1 || validDays < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--count and --valid-days must be at least 1");
            }
            return withOperator(operator -> operator.createInvites(count, Duration.ofDays(validDays)));
        }
    }
}
