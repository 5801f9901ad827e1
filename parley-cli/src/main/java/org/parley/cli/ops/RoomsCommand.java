package org.parley.cli.ops;

import java.util.Locale;
import org.parley.cli.CliContext;
import org.parley.server.store.RoomRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code parley rooms list|confusables}: the rooms stored in a data directory. */
@Command(name = "rooms", mixinStandardHelpOptions = true, description = "List rooms or look-alike room names.")
public final class RoomsCommand extends OperatorGroup {

    /** The {@code rooms} command with its subcommand. */
    public static CommandLine commandLine(CliContext context) {
        return new RoomsCommand().withSubcommands(new ListRooms(context), new Confusables(context));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List rooms with visibility, owner and topic.")
    static final class ListRooms extends OperatorCommand {
        ListRooms(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return withOperator(operator -> operator.rooms().stream().map(ListRooms::line).toList());
        }

        private static String line(RoomRecord room) {
            return room.name() + "\t" + room.visibility().name().toLowerCase(Locale.ROOT)
                    + "\towner " + room.owner() + "\t" + room.topic();
        }
    }

    @Command(name = "confusables", mixinStandardHelpOptions = true,
            description = "List room names that look alike or break the current name rules (nothing is changed).")
    static final class Confusables extends OperatorCommand {
        Confusables(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            return withOperator(operator -> NameFindingLines.lines(operator.roomNameFindings(), "room names"));
        }
    }
}
