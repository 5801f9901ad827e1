package org.parley.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The systemd unit shown in docs/OPERATIONS.md is the one the release archive ships, and it is complete. */
class DocumentedReleaseFilesTest {
    private static final Path UNIT = MarkdownBlock.projectFile("parley-dist/src/dist/systemd/parley.service");

    @Test
    void theOperationsGuideShowsTheShippedUnitExactly() throws IOException {
        String documented = MarkdownBlock.after("docs/OPERATIONS.md", "## Installing a release", "```ini");

        assertThat(documented).isEqualTo(Files.readString(UNIT));
    }

    @Test
    void theUnitRunsTheInstalledLauncherAsADedicatedUserWithHardening() throws IOException {
        List<String> lines = Files.readAllLines(UNIT);

        assertThat(lines).contains("[Unit]", "[Service]", "[Install]", "WantedBy=multi-user.target",
                "User=parley", "Restart=on-failure", "StateDirectory=parley", "NoNewPrivileges=yes",
                "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes", "CapabilityBoundingSet=");
        assertThat(lines).filteredOn(line -> line.startsWith("ExecStart="))
                .singleElement().asString().startsWith("ExecStart=/opt/parley/bin/parley server --config /etc/parley/parley.conf");
        assertThat(MarkdownBlock.projectFile("parley-dist/src/dist/bin/parley")).isRegularFile();
        assertThat(lines).noneMatch(line -> line.contains("mvnw") || line.contains("JAVA_HOME"));
    }
}
