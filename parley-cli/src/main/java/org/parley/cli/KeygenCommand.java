package org.parley.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.parley.client.LoginKeyFile;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley keygen}: makes an Ed25519 login key file (0600) and prints its public key and fingerprint. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Make an Ed25519 login key file (owner-only) and print its public key and fingerprint.",
                "Add it to your account with '/addkey FILE' in 'parley chat', then log in with '--key FILE'."})
public final class KeygenCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--out", paramLabel = "FILE", description = "Key file to create (default: ~/.parley/login-key-ed25519).")
    Path out;

    public KeygenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path file = out != null ? out : Path.of(System.getProperty("user.home"), ".parley", "login-key-ed25519");
        LoginKeyFile.refuseExisting(file);
        LoginKeyFile.LoginKey key = LoginKeyFile.create(file, SignatureComponent.ED25519, new SecureRandom());
        var publicKey = key.key().publicKey();
        context.out().println("created " + file + " (owner-only)");
        context.out().println("algorithm   " + key.algorithm().label());
        context.out().println("public key  " + Base64.getEncoder().encodeToString(publicKey.toByteArray()));
        context.out().println("fingerprint " + Fingerprint.of(key.algorithm(), publicKey));
        context.out().flush();
        return 0;
    }
}
