package org.parley.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.suite.Preset;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;
import org.parley.server.chat.CreationLimits;
import org.parley.server.chat.RequestRate;
import org.parley.server.metrics.MetricsSettings;

class ServerSettingsResolverTest {

    @TempDir
    Path temp;

    @Test
    void defaultsApplyWhenNothingIsGiven() throws IOException {
        ServerSettings settings = new ServerSettingsResolver(Map.of()).resolve(ServerFlags.none());

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("parley-data"));
        assertThat(settings.bind().getPort()).isEqualTo(7443);
        assertThat(settings.bind().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(settings.preset()).isEqualTo(Preset.MODERN);
        assertThat(settings.registration()).isEqualTo(RegistrationPolicy.OPEN);
        assertThat(settings.showMessages()).isFalse();
        assertThat(settings.limits()).isEqualTo(ServerLimits.defaults());
        assertThat(settings.metrics()).isEqualTo(MetricsSettings.off());
    }

    @Test
    void environmentOverridesDefaults() throws IOException {
        var env = Map.of("PARLEY_DATA", "/srv/parley", "PARLEY_PORT", "9000", "PARLEY_BIND", "127.0.0.1", "PARLEY_PRESET", "pq");

        ServerSettings settings = new ServerSettingsResolver(env).resolve(ServerFlags.none());

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/srv/parley"));
        assertThat(settings.bind().getPort()).isEqualTo(9000);
        assertThat(settings.bind().getHostString()).isEqualTo("127.0.0.1");
        assertThat(settings.preset()).isEqualTo(Preset.PQ);
    }

    @Test
    void flagsOverrideTheEnvironment() throws IOException {
        var env = Map.of("PARLEY_DATA", "/srv/parley", "PARLEY_PORT", "9000", "PARLEY_PRESET", "PQ");
        var flags = new ServerFlags(Path.of("here"), null, 7000, "COMPATIBLE", "invite", true, null);

        ServerSettings settings = new ServerSettingsResolver(env).resolve(flags);

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("here"));
        assertThat(settings.bind().getPort()).isEqualTo(7000);
        assertThat(settings.preset()).isEqualTo(Preset.COMPATIBLE);
        assertThat(settings.registration()).isEqualTo(RegistrationPolicy.INVITE);
        assertThat(settings.showMessages()).isTrue();
    }

    @Test
    void configFileSitsBelowTheEnvironmentAndSetsLimits() throws IOException {
        Path config = temp.resolve("parley.properties");
        Files.writeString(config, "port=8000\npreset=COMPATIBLE\nregistration=closed\n"
                + "limits.idle-timeout-seconds=60\nlimits.history-on-join=10\n");
        var flags = new ServerFlags(null, null, null, null, null, false, config);

        ServerSettings settings = new ServerSettingsResolver(Map.of("PARLEY_PRESET", "PQ")).resolve(flags);

        assertThat(settings.bind().getPort()).isEqualTo(8000);
        assertThat(settings.preset()).isEqualTo(Preset.PQ);
        assertThat(settings.registration()).isEqualTo(RegistrationPolicy.CLOSED);
        assertThat(settings.limits().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.limits().historyOnJoin()).isEqualTo(10);
        assertThat(settings.limits().maxMessageBytes()).isEqualTo(ServerLimits.defaults().maxMessageBytes());
    }

    @Test
    void configFileSetsTheChatRequestRates() throws IOException {
        Path config = temp.resolve("parley.properties");
        Files.writeString(config, "limits.chat-send-burst=40\nlimits.chat-send-per-second=8\n"
                + "limits.chat-read-per-second=30\n");
        var flags = new ServerFlags(null, null, null, null, null, false, config);

        ServerLimits limits = new ServerSettingsResolver(Map.of()).resolve(flags).limits();

        assertThat(limits.chatSendRate()).isEqualTo(new RequestRate(40, 8));
        assertThat(limits.chatReadRate())
                .isEqualTo(new RequestRate(ServerLimits.DEFAULT_CHAT_READ_RATE.burst(), 30));
    }

    @Test
    void configFileSetsTheConnectionHandshakeLoginAndKeyUpdateLimits() throws IOException {
        Path config = temp.resolve("parley.properties");
        Files.writeString(config, "limits.max-connections=500\nlimits.login-timeout-seconds=12\n"
                + "limits.handshake-per-ip-burst=4\nlimits.handshake-per-ip-per-second=1\n"
                + "limits.handshake-burst=50\nlimits.handshake-per-second=25\n"
                + "limits.key-update-burst=3\nlimits.key-update-per-second=2\nlimits.handshake-threads=3\n");
        var flags = new ServerFlags(null, null, null, null, null, false, config);

        ServerLimits limits = new ServerSettingsResolver(Map.of()).resolve(flags).limits();

        assertThat(limits.maxConnections()).isEqualTo(500);
        assertThat(limits.loginTimeout()).isEqualTo(java.time.Duration.ofSeconds(12));
        assertThat(limits.handshakeRatePerIp()).isEqualTo(new RequestRate(4, 1));
        assertThat(limits.handshakeRate()).isEqualTo(new RequestRate(50, 25));
        assertThat(limits.keyUpdateRate()).isEqualTo(new RequestRate(3, 2));
        assertThat(limits.handshakeThreads()).isEqualTo(3);
    }

    @Test
    void configFileSetsThePerAccountCreationLimits() throws IOException {
        Path config = temp.resolve("parley.properties");
        Files.writeString(config, "limits.max-rooms-per-account=3\nlimits.max-invites-per-account=7\n");
        var flags = new ServerFlags(null, null, null, null, null, false, config);

        ServerLimits limits = new ServerSettingsResolver(Map.of()).resolve(flags).limits();

        assertThat(limits.creation()).isEqualTo(new CreationLimits(3, 7));
        assertThat(new ServerSettingsResolver(Map.of()).resolve(new ServerFlags(null, null, null, null, null, false, null))
                .limits().creation()).isEqualTo(CreationLimits.defaults());
    }

    @Test
    void aChatRateOfZeroIsRejectedLikeEveryOtherLimit() throws IOException {
        Path config = temp.resolve("parley.properties");
        Files.writeString(config, "limits.chat-send-per-second=0\n");
        var flags = new ServerFlags(null, null, null, null, null, false, config);

        assertThatThrownBy(() -> new ServerSettingsResolver(Map.of()).resolve(flags))
                .hasMessageContaining("limits.chat-send-per-second");
    }

    private ServerSettings withConfig(String properties) throws IOException {
        Path config = Files.writeString(temp.resolve("metrics.properties"), properties);
        return new ServerSettingsResolver(Map.of()).resolve(new ServerFlags(null, null, null, null, null, false, config));
    }

    @Test
    void metricsListenTurnsTheEndpointOnForALoopbackAddressInEitherFamily() throws IOException {
        ServerSettings v4 = withConfig("metrics.listen=127.0.0.1:9464\n");
        ServerSettings v6 = withConfig("metrics.listen=[::1]:9465\n");
        ServerSettings blank = withConfig("metrics.listen=\n");

        assertThat(v4.metrics().listen()).hasValueSatisfying(a -> {
            assertThat(a.getAddress().isLoopbackAddress()).isTrue();
            assertThat(a.getPort()).isEqualTo(9464);
        });
        assertThat(v6.metrics().listen()).hasValueSatisfying(a -> {
            assertThat(a.getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
            assertThat(a.getPort()).isEqualTo(9465);
        });
        assertThat(blank.metrics()).isEqualTo(MetricsSettings.off());
    }

    @Test
    void aNonLoopbackMetricsAddressIsRefusedUnlessExplicitlyAllowed() throws IOException {
        assertThatThrownBy(() -> withConfig("metrics.listen=0.0.0.0:9464\n"))
                .hasMessageContaining("metrics.listen must be a loopback address")
                .hasMessageContaining("metrics.allow-non-loopback=true");

        ServerSettings allowed = withConfig("metrics.listen=0.0.0.0:9464\nmetrics.allow-non-loopback=true\n");

        assertThat(allowed.metrics().listen()).hasValueSatisfying(a -> assertThat(a.getAddress().isAnyLocalAddress()).isTrue());
    }

    @Test
    void badMetricsValuesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> withConfig("metrics.listen=9464\n")).hasMessageContaining("metrics.listen must be HOST:PORT");
        assertThatThrownBy(() -> withConfig("metrics.listen=127.0.0.1:http\n")).hasMessageContaining("metrics.listen");
        assertThatThrownBy(() -> withConfig("metrics.listen=127.0.0.1:9464\nmetrics.allow-non-loopback=yes\n"))
                .hasMessageContaining("metrics.allow-non-loopback");
    }

    @Test
    void badValuesAreRejectedWithTheirName() {
        var resolver = new ServerSettingsResolver(Map.of("PARLEY_PORT", "seventy"));

        assertThatThrownBy(() -> resolver.resolve(ServerFlags.none())).hasMessageContaining("port").hasMessageContaining("seventy");
        assertThatThrownBy(() -> new ServerSettingsResolver(Map.of("PARLEY_PRESET", "WEAK")).resolve(ServerFlags.none()))
                .hasMessageContaining("preset");
    }

    @Test
    void aMisspelledKeyInTheConfigFileIsRefusedWithItsName() {
        // Ignored, it left registration open on a server its operator meant to be invite-only.
        assertThatThrownBy(() -> withConfig("registeration=invite\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'registeration'")
                .hasMessageContaining("metrics.properties");
        assertThatThrownBy(() -> withConfig("limits.max-mesage-bytes=65536\n"))
                .hasMessageContaining("unknown setting 'limits.max-mesage-bytes'");
    }

    @Test
    void everyKeyOfTheDocumentedConfigurationIsKnown() throws IOException {
        withConfig("data=d\nbind=127.0.0.1\nport=1\npreset=PQ\nregistration=open\nshow-messages=true\n"
                + "limits.handshake-threads=2\nmetrics.listen=\nmetrics.allow-non-loopback=false\n");
    }

    @Test
    void aLimitTooLargeForItsTypeIsRefusedWithItsNameNotAsAnUnexpectedError() {
        assertThatThrownBy(() -> withConfig("limits.max-connections-per-ip=99999999999\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limits.max-connections-per-ip")
                .hasMessageContaining("99999999999");
    }

    @Test
    void aLimitOutOfItsRangeIsRefusedWithItsNameAndRange() {
        assertThatThrownBy(() -> withConfig("limits.history-on-join=5000\n"))
                .hasMessageContaining("limits.history-on-join must be 0..1000, got 5000");
        assertThatThrownBy(() -> withConfig("limits.max-message-bytes=100\n"))
                .hasMessageContaining("limits.max-message-bytes must be 1024..16777216, got 100");
        assertThatThrownBy(() -> withConfig("limits.max-connections=2000000\n"))
                .hasMessageContaining("limits.max-connections");
        assertThatThrownBy(() -> withConfig("limits.outbound-buffer-bytes=10\n"))
                .hasMessageContaining("limits.outbound-buffer-bytes");
    }

    @Test
    void aTimeoutTooLongToScheduleIsRefusedAtStartNotAtEachConnection() {
        // 10^17 seconds passed the checks, and then every connection failed in its pipeline (toMillis overflows).
        assertThatThrownBy(() -> withConfig("limits.idle-timeout-seconds=100000000000000000\n"))
                .hasMessageContaining("limits.idle-timeout-seconds must be 1..31536000");
    }

    @Test
    void showMessagesIsTrueOrFalseNotAnyWordTakenAsOff() {
        assertThatThrownBy(() -> withConfig("show-messages=yes\n"))
                .hasMessageContaining("show-messages must be true or false, got 'yes'");
        assertThatThrownBy(() -> new ServerSettingsResolver(Map.of("PARLEY_SHOW_MESSAGES", "on")).resolve(ServerFlags.none()))
                .hasMessageContaining("PARLEY_SHOW_MESSAGES must be true or false, got 'on'");
    }

    @Test
    void aConfigFileThatCannotBeReadIsNamedWithTheReason() {
        Path missing = temp.resolve("nowhere.conf");

        assertThatThrownBy(() -> new ServerSettingsResolver(Map.of()).resolve(new ServerFlags(null, null, null, null, null, false, missing)))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read the config file " + missing + ": no such file");
    }

    @Test
    void aMalformedEscapeInTheConfigFileNamesTheFile() {
        assertThatThrownBy(() -> withConfig("port=\\u12\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics.properties")
                .hasMessageContaining("Malformed");
    }

    @Test
    void serverCommandFlagsReachTheResolver() {
        var command = new ServerCommand(new org.parley.cli.CliContext(java.io.InputStream.nullInputStream(),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()), Map.of(), false));
        new picocli.CommandLine(command).parseArgs("--port", "7001", "--preset", "PQ", "--show-messages");

        assertThat(command.flags()).isEqualTo(new ServerFlags(null, null, 7001, "PQ", null, true, null));
    }
}
