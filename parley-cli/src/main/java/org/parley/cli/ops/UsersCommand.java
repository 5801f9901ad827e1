package org.parley.cli.ops;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.parley.cli.CliContext;
import org.parley.cli.PasswordOptions;
import org.parley.cli.PasswordPrompt;
import org.parley.server.store.AccountRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code parley users list|confusables|disable|enable|reset-password|devices}: account administration on a data directory. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "List, disable, enable users, reset a password, list look-alike names, list or remove a user's devices or login keys.")
public final class UsersCommand extends OperatorGroup {

    /** The {@code users} command with its subcommands. */
    public static CommandLine commandLine(CliContext context) {
        return new UsersCommand().withSubcommands(
                new ListUsers(context), new Confusables(context), new Disable(context), new Enable(context),
                new ResetPassword(context), new UserDevices(context), new UserKeys(context));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
    static final class ListUsers extends OperatorCommand {
        ListUsers(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return withOperator(operator -> operator.users().stream().map(ListUsers::line).toList());
        }

        private static String line(AccountRecord account) {
            return account.name() + "\t" + (account.disabled() ? "disabled" : "enabled")
                    + "\t" + (account.sha256().isPresent() ? "password" : "key-only")
                    + "\tcreated " + Instant.ofEpochMilli(account.createdAtMillis());
        }
    }

    @Command(name = "confusables", mixinStandardHelpOptions = true,
            description = "List user names that look alike or break the current name rules (nothing is changed).")
    static final class Confusables extends OperatorCommand {
        Confusables(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return withOperator(operator -> NameFindingLines.lines(operator.userNameFindings(), "user names"));
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

    abstract static class SetDisabled extends OperatorCommand {
        private final boolean disabled;

        @Parameters(paramLabel = "USER")
        String user;

        SetDisabled(CliContext context, boolean disabled) {
            super(context);
            this.disabled = disabled;
        }

        @Override
        public Integer call() {
            return withOperator(operator -> {
                operator.disable(user, disabled);
                return List.of(user + (disabled ? " disabled" : " enabled"));
            });
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Set a new password for an account (prompted, or from --password-env / --password-file).")
    static final class ResetPassword extends OperatorCommand {
        @Parameters(paramLabel = "USER")
        String user;

        @Mixin
        PasswordOptions password = new PasswordOptions();

        ResetPassword(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws IOException {
            // Read (or prompted for) before the database is opened, and wiped whatever happens.
            char[] secret = password.read(context).orElse(null);
            char[] newPassword = secret != null ? secret : PasswordPrompt.ask("new password for " + user + ": ");
            try {
                return withOperator(operator -> {
                    operator.resetPassword(user, newPassword);
                    return List.of("password of " + user + " reset");
                });
            } finally {
                Arrays.fill(newPassword, '\0');
            }
        }
    }
}
