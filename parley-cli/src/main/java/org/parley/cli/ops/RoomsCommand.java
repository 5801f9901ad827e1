package org.parley.cli.ops;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.cli.CliContext;
import org.parley.server.ops.Operator;
import org.parley.server.store.RoomRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code parley rooms list}: the rooms stored in a data directory. */
@Command(name = "rooms", mixinStandardHelpOptions = true, description = "List rooms.")
public final class RoomsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code rooms} command with its subcommand. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine rooms = new CommandLine(new RoomsCommand());
        rooms.addSubcommand("list", new ListRooms(context));
        return rooms;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List rooms with visibility, owner and topic.")
    static final class ListRooms extends OperatorCommand implements Callable<Integer> {
        ListRooms(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            try (Operator operator = Operator.open(dataDirectory())) {
                for (RoomRecord room : operator.rooms()) {
                    context.out().println(room.name() + "\t" + room.visibility().name().toLowerCase(Locale.ROOT)
                            + "\towner " + room.owner() + "\t" + room.topic());
                }
            }
            context.out().flush();
            return 0;
        }
    }
}
