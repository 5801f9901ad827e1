package org.parley.cli.ops;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.parley.cli.CliContext;
import org.parley.cli.PasswordOptions;
import org.parley.cli.PasswordPrompt;
import org.parley.server.ops.Operator;
import org.parley.server.store.AccountRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code parley users list|disable|enable|reset-password}: account administration on a data directory. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "List, disable, enable users or reset a password.")
public final class UsersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code users} command with its subcommands. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine users = new CommandLine(new UsersCommand());
        users.addSubcommand("list", new ListUsers(context));
        users.addSubcommand("disable", new Disable(context));
        users.addSubcommand("enable", new Enable(context));
        users.addSubcommand("reset-password", new ResetPassword(context));
        return users;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
    static final class ListUsers extends OperatorCommand implements Callable<Integer> {
        ListUsers(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (Operator operator = Operator.open(dataDirectory())) {
                for (AccountRecord account : operator.users()) {
                    context.out().println(account.name() + "\t" + (account.disabled() ? "disabled" : "enabled")
                            + "\t" + (account.sha256().isPresent() ? "password" : "key-only")
                            + "\tcreated " + Instant.ofEpochMilli(account.createdAtMillis()));
                }
            }
            context.out().flush();
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an account: it can no longer log in.")
    static final class Disable extends SetDisabled {
        Disable(CliContext context) {
            super(context, true);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled account again.")
    static final class Enable extends SetDisabled {
        Enable(CliContext context) {
            super(context, false);
        }
    }

    abstract static class SetDisabled extends OperatorCommand implements Callable<Integer> {
        private final boolean disabled;

        @Parameters(paramLabel = "USER")
        String user;

        SetDisabled(CliContext context, boolean disabled) {
            super(context);
            this.disabled = disabled;
        }

        @Override
        public Integer call() {
            try (Operator operator = Operator.open(dataDirectory())) {
                operator.disable(user, disabled);
            }
            context.out().println(user + (disabled ? " disabled" : " enabled"));
            context.out().flush();
            return 0;
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Set a new password for an account (prompted, or from --password-env / --password-file).")
    static final class ResetPassword extends OperatorCommand implements Callable<Integer> {
        @Parameters(paramLabel = "USER")
        String user;

        @Mixin
        PasswordOptions password = new PasswordOptions();

        ResetPassword(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws IOException {
            char[] secret = password.read(context).orElse(null);
            if (secret == null) {
                secret = PasswordPrompt.ask("new password for " + user + ": ");
            }
            try (Operator operator = Operator.open(dataDirectory())) {
                operator.resetPassword(user, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
            context.out().println("password of " + user + " reset");
            context.out().flush();
            return 0;
        }
    }
}
