package org.parley.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import org.parley.protocol.suite.Preset;
import org.parley.server.metrics.MetricsSettings;

/**
 * Everything a server needs to start: where to listen, where its data lives, the security preset,
 * who may register, whether the console shows message text, the limits, and whether a metrics
 * endpoint is served.
 *
 * @param showMessages print message text on the console (off by default: only metadata is logged)
 * @param metrics the opt-in Prometheus endpoint (off by default)
 */
public record ServerSettings(InetSocketAddress bind, Path dataDirectory, Preset preset, RegistrationPolicy registration,
        boolean showMessages, ServerLimits limits, MetricsSettings metrics) {

    /** The default port. */
    public static final int DEFAULT_PORT = 7443;

    public ServerSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Settings without a metrics endpoint. */
    public ServerSettings(InetSocketAddress bind, Path dataDirectory, Preset preset, RegistrationPolicy registration,
                          boolean showMessages, ServerLimits limits) {
        this(bind, dataDirectory, preset, registration, showMessages, limits, MetricsSettings.off());
    }

    /** All interfaces on port 7443, MODERN preset, open registration, no message text, default limits, no metrics. */
    public static ServerSettings defaults(Path dataDirectory) {
        return new ServerSettings(new InetSocketAddress("0.0.0.0", DEFAULT_PORT), dataDirectory, Preset.MODERN,
                RegistrationPolicy.OPEN, false, ServerLimits.defaults());
    }

    public ServerSettings withBind(InetSocketAddress address) {
        return new ServerSettings(address, dataDirectory, preset, registration, showMessages, limits, metrics);
    }

    public ServerSettings withRegistration(RegistrationPolicy policy) {
        return new ServerSettings(bind, dataDirectory, preset, policy, showMessages, limits, metrics);
    }

    public ServerSettings withLimits(ServerLimits newLimits) {
        return new ServerSettings(bind, dataDirectory, preset, registration, showMessages, newLimits, metrics);
    }

    public ServerSettings withShowMessages(boolean show) {
        return new ServerSettings(bind, dataDirectory, preset, registration, show, limits, metrics);
    }

    public ServerSettings withMetrics(MetricsSettings newMetrics) {
        return new ServerSettings(bind, dataDirectory, preset, registration, showMessages, limits, newMetrics);
    }
}
