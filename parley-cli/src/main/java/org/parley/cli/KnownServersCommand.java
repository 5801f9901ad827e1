package org.parley.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.parley.client.KnownServer;
import org.parley.client.KnownServersFile;
import org.parley.client.ServerAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley known-servers list|remove}: the client's pinned server keys. Removing a pin is the
 * deliberate step after an operator confirmed (by another channel) that a server's key was replaced.
 */
@Command(name = "known-servers", mixinStandardHelpOptions = true,
        description = "List or remove the server keys the client has pinned (SSH known_hosts style).")
public final class KnownServersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The {@code known-servers} command with its subcommands. */
    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new KnownServersCommand()).addSubcommand("list", new ListPins(context))
                .addSubcommand("remove", new RemovePin(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The file option both subcommands share. */
    static class FileOption {
        @Option(names = "--known-servers", paramLabel = "FILE", description = "Pinned server keys (default: ~/.parley/known_servers).")
        Path file;

        KnownServersFile open() {
            return new KnownServersFile(file != null ? file : KnownServersFile.defaultPath());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print each pin: line, HOST:PORT, fingerprint.")
    static final class ListPins implements Callable<Integer> {
        private final CliContext context;

        @CommandLine.Mixin
        FileOption known = new FileOption();

        ListPins(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            for (KnownServer pin : known.open().list()) {
                context.out().println(pin.line() + "\t" + pin.server() + "\t" + pin.fingerprint());
            }
            context.out().flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove the pin of HOST:PORT (port 7443 when left out), so the next connection asks again.")
    static final class RemovePin implements Callable<Integer> {
        private final CliContext context;

        @CommandLine.Mixin
        FileOption known = new FileOption();

        @Parameters(paramLabel = "HOST:PORT", description = "The server as pinned, e.g. chat.example.org:7443 or [::1]:7443.")
        String server;

        RemovePin(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String name;
            try {
                name = ServerAddress.parse(server).toString();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
            }
            KnownServersFile file = known.open();
            if (!file.remove(name)) {
                context.err().println("parley known-servers: no pin for " + name + " in " + file.file());
                context.err().flush();
                return 1;
            }
            context.out().println("removed the pin of " + name + " from " + file.file());
            context.out().flush();
            return 0;
        }
    }
}
