package org.parley.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the release archive the way the README says (unpack it anywhere) and runs it with no
 * JDK, Maven or network: a server and two {@code --json} clients that register, send and receive.
 */
class ReleaseArchiveTest {
    private static final Map<String, String> PASSWORD = Map.of("PW", "archive test passphrase 7Q");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path scratch;

    private static UnpackedRelease release;

    @BeforeAll
    static void unpack() throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("parley.dist.archive"));
        release = UnpackedRelease.unpack(archive, System.getProperty("parley.dist.name"), scratch);
    }

    @Test
    void serverAndJsonClientsRunFromTheArchiveWithoutAJdk() throws Exception {
        Path data = scratch.resolve("data");
        List<String> serverArgs = List.of("server", "--config", release.root().resolve("etc/parley.conf").toString(),
                "--bind", "127.0.0.1", "--port", "0", "--registration", "open", "--data", data.toString());
        Path serverErrors = scratch.resolve("server.err");
        try (ServerFromArchive server = ServerFromArchive.start(release, serverErrors, serverArgs)) {
            var listening = server.awaitPort(120);
            assertThat(listening).as("the server's listening line; stderr: %s", read(serverErrors)).isPresent();
            int port = listening.orElseThrow();
            String address = "127.0.0.1:" + port;

            var alice = release.run(PASSWORD, "hello from the archive 你好\n",
                    "chat", "--server", address, "--user", "alice", "--register", "--password-env", "PW",
                    "--trust-on-first-use", "--json");
            var bob = release.run(PASSWORD, "",
                    "chat", "--server", address, "--user", "bob", "--register", "--password-env", "PW",
                    "--trust-on-first-use", "--json");

            assertThat(alice.status()).as("alice: %s", alice.err()).isZero();
            List<JsonNode> aliceEvents = events(alice);
            assertThat(aliceEvents).anySatisfy(e -> {
                assertThat(e.path("type").asText()).isEqualTo("authenticated");
                assertThat(e.path("registered").asBoolean()).isTrue();
            });
            assertThat(aliceEvents).anySatisfy(e -> {
                assertThat(e.path("type").asText()).isEqualTo("message");
                assertThat(e.path("from").asText()).isEqualTo("alice");
                assertThat(e.path("text").asText()).isEqualTo("hello from the archive 你好");
            });
            assertThat(bob.status()).as("bob: %s", bob.err()).isZero();
            assertThat(events(bob)).anySatisfy(e -> {
                assertThat(e.path("type").asText()).isEqualTo("message");
                assertThat(e.path("from").asText()).isEqualTo("alice");
                assertThat(e.path("text").asText()).isEqualTo("hello from the archive 你好");
                assertThat(e.path("history").asBoolean()).isTrue();
            });
            assertThat(alice.err() + bob.err()).as("nothing on the clients' standard error").isEmpty();
            assertThat(release.home().resolve(".parley/known_servers")).as("~/.parley follows $HOME").exists();

            assertThat(startLines(server.printed())).as("the start output shown in docs/OPERATIONS.md")
                    .isEqualTo(startLines(documentedStartOutput()));

            assertThat(server.stop(60)).as("exit status after SIGTERM").isIn(0, 143);
            assertThat(server.remainingLines()).contains("parley server: shutting down");
        }
        assertThat(read(serverErrors)).as("no JVM warning or other noise on the server's standard error").isEmpty();
    }

    @Test
    void theRuntimeIsTrimmedAndHasNoCompiler() throws IOException, InterruptedException {
        Path java = release.root().resolve("runtime/bin/java");
        Process modules = new ProcessBuilder(java.toString(), "--list-modules").start();
        String listed = new String(modules.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        modules.waitFor();

        assertThat(listed).contains("java.base@", "java.sql@", "java.desktop@").doesNotContain("jdk.compiler", "jdk.jshell");
        assertThat(release.root().resolve("runtime/bin/javac")).doesNotExist();
    }

    @Test
    void versionRunsThroughASymlinkFromAnotherDirectory() throws IOException, InterruptedException {
        Path link = Files.createDirectories(scratch.resolve("usr-local-bin")).resolve("parley");
        Files.createSymbolicLink(link, release.root().resolve("bin/parley"));

        var version = release.run(link, Map.of(), "", "version");
        // jlink made the archive's runtime from the JDK that runs this build and this test.
        String runtime = Runtime.version().toString();

        assertThat(version.status()).isZero();
        assertThat(version.out()).isEqualTo("parley " + System.getProperty("parley.dist.name").substring("parley-".length())
                + " (Java " + runtime + ")\n");
        assertThat(version.err()).isEmpty();
        assertThat(documentedVersionLine()).matches("parley \\S+ \\(Java 25[^ )]*\\)");
    }

    @Test
    void theShippedSystemdUnitHasNoUnknownOrInvalidSetting() throws IOException, InterruptedException {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        // The unit names /opt/parley; point it at this unpacked copy so the launcher exists.
        String unit = Files.readString(release.root().resolve("systemd/parley.service"))
                .replace("/opt/parley/bin/parley", release.root().resolve("bin/parley").toString());
        Path copy = Files.writeString(Files.createDirectories(scratch.resolve("unit")).resolve("parley.service"), unit);

        Process verify = new ProcessBuilder(analyze.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        verify.waitFor();

        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).as("systemd-analyze verify reports nothing").isEmpty();
    }

    @Test
    void guiFromTheArchiveLoadsJavaFxUpToTheDisplayConnection() throws IOException, InterruptedException {
        // A display that does not exist: JavaFX's modules resolve and its GTK glass library loads,
        // and only opening the display fails. The desktop's UI itself is tested in parley-desktop.
        var gui = release.run(Map.of("DISPLAY", ":4217"), "", "gui");

        assertThat(gui.status()).isNotZero();
        assertThat(gui.err()).contains("Unable to open DISPLAY")
                .doesNotContain("FindException", "ClassNotFoundException", "UnsatisfiedLinkError", "WARNING");
    }

    @Test
    void guiWithoutADisplaySaysSoInOneLine() throws IOException, InterruptedException {
        var english = release.run(Map.of(), "", "gui");
        var chinese = release.run(Map.of("LANG", "zh_CN.UTF-8"), "", "gui");

        assertThat(english.status()).isEqualTo(1);
        assertThat(english.err().lines()).singleElement().asString().startsWith("parley gui: no graphical display");
        assertThat(chinese.status()).isEqualTo(1);
        assertThat(chinese.err().lines()).singleElement().asString().contains("没有图形显示");
    }

    /** The block after "The two commands" in docs/OPERATIONS.md: what the server prints at start. */
    private static List<String> documentedStartOutput() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("parley.project.root"), "docs", "OPERATIONS.md"));
        int from = lines.indexOf("`bin/parley server` builds the distribution on first use (from a release archive, `parley server`");
        int open = lines.subList(from, lines.size()).indexOf("```") + from;
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        return lines.subList(open + 1, close);
    }

    /**
     * The first six lines (console line, address, three keys, client hint) with what differs
     * between runs replaced by placeholders: time, address and port, data directory, fingerprints.
     */
    private static List<String> startLines(List<String> printed) {
        return printed.stream().limit(6)
                .map(line -> line.replaceAll("^\\d\\d:\\d\\d:\\d\\d ", "TIME ")
                        .replaceAll("/\\S+:\\d+ ", "ADDRESS ")
                        .replaceAll("<host>:\\d+", "<host>:PORT")
                        .replaceAll("data /\\S+\\)", "data DIR)")
                        .replaceAll("SHA256:[0-9a-f …]+?(?= \\(created\\)$)", "SHA256:FINGERPRINT"))
                .toList();
    }

    /** The example line under "## `parley version`" in docs/CLI.md. */
    private static String documentedVersionLine() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("parley.project.root"), "docs", "CLI.md"));
        int section = lines.indexOf("## `parley version`");
        int fence = lines.subList(section, lines.size()).indexOf("```") + section;
        return lines.get(fence + 1);
    }

    private static List<JsonNode> events(UnpackedRelease.Finished finished) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : finished.outLines()) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
