package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;

/** {@code parley chat --keylog FILE}: a loud warning, an owner-only file, every secret of the session, and nothing without it. */
class ChatKeyLogTest {
    private static final List<String> LABELS = List.of("PARLEY_SHARED_SECRET", "PARLEY_HANDSHAKE_SECRET",
            "PARLEY_C_HS_TRAFFIC", "PARLEY_S_HS_TRAFFIC", "PARLEY_MASTER_SECRET", "PARLEY_C_AP_TRAFFIC",
            "PARLEY_S_AP_TRAFFIC", "PARLEY_EXPORTER");

    @TempDir
    Path temp;

    private ParleyServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = ParleyServer.start(ServerSettings.defaults(temp.resolve("data")).withBind(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private TestCli chat(String... extra) {
        TestCli cli = new TestCli(Map.of("PW", "correct horse battery staple"));
        List<String> args = new java.util.ArrayList<>(List.of("chat", "--json", "--server", "127.0.0.1:" + server.address().getPort(),
                "--user", "alice", "--register", "--password-env", "PW", "--trust-on-first-use",
                "--known-servers", temp.resolve("known").toString()));
        args.addAll(List.of(extra));
        assertThat(cli.run(args.toArray(String[]::new))).as(cli.err.toString()).isZero();
        return cli;
    }

    @Test
    void aChatWithAKeyLogWarnsAndWritesEverySecretOfItsOneConnectionOwnerOnly() throws Exception {
        Path keys = temp.resolve("keys.log");
        TestCli cli = chat("--keylog", keys.toString());

        assertThat(cli.err.toString()).contains("WARNING: --keylog", keys.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        List<String[]> lines = Files.readAllLines(keys).stream().filter(l -> !l.startsWith("#")).map(l -> l.split(" ")).toList();
        assertThat(lines).extracting(l -> l[0]).containsExactlyInAnyOrderElementsOf(LABELS);
        assertThat(lines).extracting(l -> l[1]).containsOnly(lines.getFirst()[1]);
        assertThat(lines.getFirst()[1]).matches("[0-9a-f]{64}");
        assertThat(lines).allSatisfy(l -> assertThat(l[2]).matches("([0-9a-f]{2})+"));
    }

    @Test
    void aChatWithoutTheOptionWritesNoKeyLogAndNoWarning() throws Exception {
        TestCli cli = chat();

        assertThat(cli.err.toString()).doesNotContain("--keylog");
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("keys.log");
        }
    }
}
