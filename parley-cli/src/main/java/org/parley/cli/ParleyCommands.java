package org.parley.cli;

import org.parley.cli.chat.ChatCommand;
import org.parley.cli.ops.InvitesCommand;
import org.parley.cli.ops.RoomsCommand;
import org.parley.cli.ops.UsersCommand;
import org.parley.cli.server.FingerprintCommand;
import org.parley.cli.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Wires the {@code parley} command tree: each subcommand gets the process context by constructor. */
public final class ParleyCommands {
    private ParleyCommands() {
    }

    /** The top-level command, printing usage when no subcommand is given. */
    @Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Parley (密谈): a secure chat server, terminal client and desktop client.",
            footer = {"", "Run 'parley <command> --help' for the options of a command."})
    static final class Root implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** Builds the command line with every subcommand; {@code execute(args)} returns the exit status. */
    public static CommandLine build(CliContext context) {
        CommandLine root = new CommandLine(new Root());
        root.addSubcommand("server", new ServerCommand(context));
        root.addSubcommand("chat", new ChatCommand(context));
        root.addSubcommand("gui", new GuiCommand(context));
        root.addSubcommand("keygen", new KeygenCommand(context));
        root.addSubcommand("fingerprint", new FingerprintCommand(context));
        root.addSubcommand("known-servers", KnownServersCommand.commandLine(context));
        root.addSubcommand("suites", new SuitesCommand(context));
        root.addSubcommand("users", UsersCommand.commandLine(context));
        root.addSubcommand("invites", InvitesCommand.commandLine(context));
        root.addSubcommand("rooms", RoomsCommand.commandLine(context));
        root.addSubcommand("lab", org.parley.cli.lab.LabCommand.commandLine(context));
        root.addSubcommand("inspect", new org.parley.cli.lab.InspectCommand(context));
        root.addSubcommand("version", new VersionCommand(context));
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setOut(context.out());
        root.setErr(context.err());
        root.setExecutionExceptionHandler(new FailureHandler(context));
        return root;
    }
}
