package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;

/** A failing command says what went wrong in one line for people: the full command, no class names. */
class CommandErrorTextTest {

    @TempDir
    Path temp;

    @Test
    void anOperatorCommandWithoutADatabaseNamesTheCommandAndTheFix() {
        TestCli cli = new TestCli(Map.of());
        Path nowhere = temp.resolve("nowhere");

        int status = cli.run("users", "list", "--data", nowhere.toString());

        assertThat(status).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("parley users list: no Parley database in " + nowhere
                + " (start the server once first)" + System.lineSeparator());
    }

    @Test
    void fingerprintOfADirectoryWithoutKeysStartsWithTheCommandLikeEveryOtherError() {
        TestCli cli = new TestCli(Map.of());
        Path nowhere = temp.resolve("nowhere");

        int status = cli.run("fingerprint", "--data", nowhere.toString());

        assertThat(status).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("parley fingerprint: no server keys in " + nowhere.toAbsolutePath()
                + " (they are created on the first 'parley server')" + System.lineSeparator());
    }

    @Test
    void disablingAnUnknownUserSaysSoWithoutAnExceptionName() throws IOException {
        Path data = temp.resolve("data");
        ParleyServer.start(ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", 0))).close();
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("users", "disable", "nobody", "--data", data.toString());

        assertThat(status).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("parley users disable: no such user" + System.lineSeparator());
    }

    @Test
    void aPortInUseIsSaidInWords() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            TestCli cli = new TestCli(Map.of());

            int status = cli.run("server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                    "--data", temp.resolve("data").toString());

            assertThat(status).isEqualTo(1);
            assertThat(cli.err.toString()).isEqualTo("parley server: port " + port + " is already in use on 127.0.0.1"
                    + " (is another server running? choose another port with --port)" + System.lineSeparator());
        }
    }

    @Test
    void aBindAddressOfAnotherMachineIsSaidInWords() {
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("server", "--bind", "192.0.2.1", "--port", "0", "--data", temp.resolve("data").toString());

        assertThat(status).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("parley server: 192.0.2.1 is not an address of this machine (--bind)"
                + System.lineSeparator());
    }

    @Test
    void aBadSettingFromTheEnvironmentIsNamedWithoutAnExceptionName() {
        TestCli cli = new TestCli(Map.of("PARLEY_PORT", "x"));

        int status = cli.run("server", "--data", temp.resolve("data").toString());

        assertThat(status).isEqualTo(1);
        assertThat(cli.err.toString()).isEqualTo("parley server: port must be a number, got 'x'" + System.lineSeparator());
    }

    @Test
    void guiRunWithoutTheLauncherSaysHowToStartIt() {
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("gui");

        assertThat(status).isEqualTo(1);
        assertThat(cli.err.toString()).startsWith("parley gui: start the desktop client with the parley launcher");
    }
}
