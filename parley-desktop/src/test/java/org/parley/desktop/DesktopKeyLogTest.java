package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.parley.client.InsecureKeyLogFile;

/** {@code PARLEY_KEYLOG}: the login window warns in red, and the session's secrets reach the owner-only file. */
class DesktopKeyLogTest extends DesktopTestBase {

    @Test
    void withAKeyLogTheLoginWindowWarnsAndTheSessionsSecretsAreWritten() throws Exception {
        Path file = data.resolve("keys.log");
        try (InsecureKeyLogFile log = InsecureKeyLogFile.open(file)) {
            context = context.withKeyLog(Optional.of(log));
            openLogin();
            assertThat(Fx.call(() -> Fx.<Label>node("keylog-warning").getText())).contains("INSECURE", "PARLEY_KEYLOG");
            fillLogin("kim", true);
            connectTrustingTheServer();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<String> labels = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).map(l -> l.split(" ")[0]).toList();
        assertThat(labels).contains("PARLEY_C_AP_TRAFFIC", "PARLEY_S_AP_TRAFFIC", "PARLEY_HANDSHAKE_SECRET");
    }

    @Test
    void withoutAKeyLogThereIsNoWarning() throws Exception {
        openLogin();
        assertThat(Fx.call(() -> Fx.showing("connect") && !Fx.showing("keylog-warning"))).isTrue();
    }
}
