package org.parley.cli.ops;

import picocli.CommandLine;

/**
 * Common part of the operator command groups ({@code users}, {@code invites}, {@code rooms}): a
 * group only holds its subcommands, and run alone it prints its usage.
 */
abstract class OperatorGroup implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** This group's command line with {@code subcommands}, each under the name its {@code @Command} gives. */
    final CommandLine withSubcommands(OperatorCommand... subcommands) {
        CommandLine group = new CommandLine(this);
        for (OperatorCommand subcommand : subcommands) {
            group.addSubcommand(subcommand);
        }
        return group;
    }
}
