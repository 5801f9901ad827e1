package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.e2ee.E2eSuite;
import org.parley.protocol.suite.SuiteCatalog;
import org.parley.protocol.suite.SuiteComponent;

class CommandLineTest {

    @Test
    void chatRejectsAPasswordGivenAsAnArgument() {
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("chat", "--user", "alice", "--password", "hunter2", "--json");

        assertThat(status).isEqualTo(2);
        assertThat(cli.err.toString()).contains("Unknown option").contains("--password");
    }

    @Test
    void chatRejectsAPasswordAsAStrayPositionalArgument() {
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("chat", "--user", "alice", "hunter2");

        assertThat(status).isEqualTo(2);
        assertThat(cli.err.toString()).contains("hunter2");
    }

    @Test
    void jsonModeWithoutAPasswordSourceExplainsWhatIsMissing() {
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("chat", "--user", "alice", "--json", "--server", "127.0.0.1:1");

        assertThat(status).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--password-env");
    }

    @Test
    void passwordEnvNamingAnUnsetVariableFails() {
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("chat", "--user", "alice", "--json", "--password-env", "NOT_SET", "--server", "127.0.0.1:1");

        assertThat(status).isEqualTo(1);
        assertThat(cli.err.toString()).contains("NOT_SET is not set");
    }

    @Test
    void suitesListsEveryComponentAndEveryPreset() {
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("suites");

        assertThat(status).isZero();
        String output = cli.out.toString();
        for (SuiteComponent component : SuiteCatalog.components()) {
            assertThat(output).contains(component.label());
        }
        assertThat(output).contains("bits", "FS", "PQ", "status", "modern (default)", "pq", "compatible");
    }

    @Test
    void suitesListsEveryEndToEndSuiteWithItsPostQuantumLabels() {
        TestCli cli = new TestCli(Map.of());

        cli.run("suites");

        List<String> lines = cli.out.toString().lines().toList();
        for (E2eSuite suite : E2eSuite.values()) {
            String line = lines.stream().filter(l -> l.startsWith("  " + suite.label() + " ")).findFirst().orElseThrow();
            String[] columns = line.substring(line.indexOf(' ', 2)).replace("(default)", "").trim().split(" +");
            assertThat(columns).startsWith(String.valueOf(suite.code()), "128",
                    suite.postQuantumStart() ? "yes" : "no", suite.postQuantumRatchet() ? "yes" : "no", "yes");
            assertThat(line).endsWith(suite.labels().postCompromise());
        }
        assertThat(lines).anyMatch(l -> l.startsWith("  pq-ratchet (default)"));
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"server"}, {"chat"}, {"keygen"}, {"fingerprint"}, {"suites"},
                {"users", "list"}, {"users", "disable"}, {"users", "enable"}, {"users", "reset-password"},
                {"invites", "create"}, {"rooms", "list"}, {"version"}}) {
            TestCli cli = new TestCli(Map.of());
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);

            int status = cli.run(args);

            assertThat(status).as(String.join(" ", command)).isZero();
            assertThat(cli.out.toString()).as(String.join(" ", command)).contains("Usage: parley " + String.join(" ", command));
        }
    }

    @Test
    void presetNamesAreCaseInsensitive() {
        TestCli cli = new TestCli(Map.of());
        var commandLine = ParleyCommands.build(cli.context);

        var parsed = commandLine.parseArgs("chat", "--user", "alice", "--preset", "pq");

        Object preset = parsed.subcommand().matchedOptionValue("--preset", null);
        assertThat(preset).isEqualTo(org.parley.protocol.suite.Preset.PQ);
    }

    @Test
    void versionPrintsTheProgramName() {
        TestCli cli = new TestCli(Map.of());

        assertThat(cli.run("version")).isZero();
        assertThat(cli.out.toString()).startsWith("parley ");
    }
}
