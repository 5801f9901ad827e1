package org.parley.cli.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.parley.cli.CliContext;
import org.parley.server.DataDirectoryInUseException;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley server}: starts the chat server in the foreground, prints its key fingerprints,
 * and shuts down gracefully on SIGTERM or Ctrl-C (stop accepting, tell clients, flush, close the
 * store).
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run the chat server in the foreground (Ctrl-C or SIGTERM stops it gracefully).",
                "Precedence: flags, then PARLEY_* environment variables, then the --config file, then defaults."})
public final class ServerCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (keys, database, logs). Env PARLEY_DATA. Default: ./parley-data")
    Path data;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on. Env PARLEY_BIND. Default: 0.0.0.0")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port. Env PARLEY_PORT. Default: 7443")
    Integer port;

    @Option(names = "--preset", paramLabel = "PRESET", description = "Suite preset MODERN, PQ or COMPATIBLE. Env PARLEY_PRESET. Default: MODERN")
    String preset;

    @Option(names = "--registration", paramLabel = "POLICY", description = "Who may register: open, invite or closed. Env PARLEY_REGISTRATION. Default: open")
    String registration;

    @Option(names = "--show-messages", description = "Also print message text on the console (off by default).")
    boolean showMessages;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings and limits (docs/OPERATIONS.md). Env PARLEY_CONFIG.")
    Path config;

    public ServerCommand(CliContext context) {
        this.context = context;
    }

    /** The flags as given, for the resolver (and tests). */
    public ServerFlags flags() {
        return new ServerFlags(data, bind, port, preset, registration, showMessages, config);
    }

    /** Starts the server; a failure to listen is told in words, everything else as it came. */
    private static ParleyServer start(ServerSettings settings) throws IOException {
        try {
            return ParleyServer.start(settings);
        } catch (DataDirectoryInUseException e) {
            throw e; // says what is wrong; the port is not the reason (the other server may hold it too)
        } catch (IOException e) {
            Optional<String> reason = ListenFailure.explain(settings.bind());
            if (reason.isPresent()) {
                throw new IOException(reason.get(), e);
            }
            throw e;
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerSettings settings = new ServerSettingsResolver(context.env()).resolve(flags());
        ParleyServer server = start(settings);
        server.flushConsole(); // "listening on" is logged through the console's queue; it comes first
        var out = context.out();
        out.println("parley server listening on " + server.address() + " (preset " + settings.preset()
                + ", registration " + settings.registration() + ", data " + settings.dataDirectory().toAbsolutePath().normalize() + ")");
        for (var key : server.keys()) {
            out.println("server key " + key.algorithm().label() + " " + key.fingerprint() + (key.createdNow() ? " (created)" : ""));
        }
        out.println("clients: parley chat --server <host>:" + server.address().getPort() + " --user NAME");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("parley server: shutting down");
            out.flush();
            server.close();
            stopped.countDown();
        }, "parley-shutdown"));
        stopped.await();
        return 0;
    }
}
