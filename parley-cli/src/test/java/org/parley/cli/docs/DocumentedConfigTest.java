package org.parley.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.server.ServerFlags;
import org.parley.cli.server.ServerSettingsResolver;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;
import org.parley.server.metrics.MetricsSettings;

/** The configuration examples of the docs and the release load as written. */
class DocumentedConfigTest {

    @TempDir
    Path temp;

    @Test
    void theOperationsGuidesPropertiesBlockLoadsAndShowsTheDefaultLimitsWithMetricsOff() throws IOException {
        String block = MarkdownBlock.after("docs/OPERATIONS.md", "Limits are set in the config file only", "```properties");
        Path file = Files.writeString(temp.resolve("parley.properties"), block);

        ServerSettings settings = load(file);

        assertThat(block).contains("limits.max-message-bytes=" + ServerLimits.defaults().maxMessageBytes());
        assertThat(settings.bind().getPort()).isEqualTo(7443);
        assertThat(settings.registration()).isEqualTo(RegistrationPolicy.INVITE);
        assertThat(settings.limits()).isEqualTo(ServerLimits.defaults());
        assertThat(settings.metrics()).isEqualTo(MetricsSettings.off());
    }

    @Test
    void theReleasesParleyConfLoadsWithTheDefaultLimitsAndMetricsOff() throws IOException {
        Path file = MarkdownBlock.projectFile("parley-dist/src/dist/etc/parley.conf");

        ServerSettings settings = load(file);

        assertThat(settings.bind().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(settings.registration()).isEqualTo(RegistrationPolicy.INVITE);
        assertThat(settings.limits()).isEqualTo(ServerLimits.defaults());
        assertThat(settings.metrics()).isEqualTo(MetricsSettings.off());
    }

    private static ServerSettings load(Path config) throws IOException {
        return new ServerSettingsResolver(Map.of()).resolve(new ServerFlags(null, null, null, null, null, false, config));
    }
}
