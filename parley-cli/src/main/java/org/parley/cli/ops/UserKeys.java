package org.parley.cli.ops;

import java.util.List;
import org.parley.cli.CliContext;
import org.parley.protocol.auth.LoginKeyFingerprints;
import org.parley.protocol.auth.RegisteredPublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley users keys USER [--remove FP]}: a user's login keys, one line each (algorithm and
 * fingerprint, as {@code parley keygen} prints it), or the removal of the one whose fingerprint
 * starts with FP (at least 8 hex digits).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "List a user's login keys, or remove one with --remove FINGERPRINT (or its first 8+ hex digits).")
final class UserKeys extends OperatorCommand {
    @Parameters(paramLabel = "USER")
    String user;

    @Option(names = "--remove", paramLabel = "FINGERPRINT", description = "Remove the login key with this fingerprint.")
    String remove;

    UserKeys(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        return withOperator(operator -> {
            if (remove != null) {
                RegisteredPublicKey removed = operator.removeLoginKey(user, remove);
                return List.of("login key " + LoginKeyFingerprints.of(removed) + " of " + user + " removed");
            }
            return operator.loginKeys(user).stream().map(UserKeys::line).toList();
        });
    }

    private static String line(RegisteredPublicKey key) {
        return key.algorithm().label() + "\t" + LoginKeyFingerprints.of(key);
    }
}
