package org.parley.cli.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.parley.cli.CliContext;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.ServerKeyFiles;
import org.parley.protocol.suite.SignatureComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley fingerprint}: prints the fingerprints of the server keys stored in a data
 * directory, so an operator can tell users what to expect on first contact.
 */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = "Print the fingerprints of the server keys in a data directory.")
public final class FingerprintCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory. Env PARLEY_DATA. Default: ./parley-data")
    Path data;

    public FingerprintCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path directory = data != null ? data : Path.of(context.env().getOrDefault("PARLEY_DATA", ServerSettingsResolver.DEFAULT_DATA));
        List<String> lines = new ArrayList<>();
        ServerKeyFiles files = new ServerKeyFiles(directory);
        for (SignatureComponent algorithm : SignatureComponent.values()) {
            if (Files.exists(files.fileFor(algorithm))) {
                var key = files.load(algorithm);
                lines.add(algorithm.label() + " " + Fingerprint.of(algorithm, key.publicKey()));
            }
        }
        if (lines.isEmpty()) {
            context.err().println("parley fingerprint: no server keys in " + directory.toAbsolutePath() + " (they are created on the first 'parley server')");
            context.err().flush();
            return 1;
        }
        lines.forEach(context.out()::println);
        context.out().flush();
        return 0;
    }
}
