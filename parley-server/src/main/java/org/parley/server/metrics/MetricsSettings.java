package org.parley.server.metrics;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Whether and where the server serves its metrics ({@code metrics.listen} and
 * {@code metrics.allow-non-loopback} in the config file; docs/OPERATIONS.md, "Metrics").
 *
 * <p><b>Security.</b> The endpoint has no authentication and its figures show traffic patterns
 * (when people are online, how busy the rooms are, how many logins fail), so it listens on a
 * loopback address unless the operator says explicitly that another address is meant (behind a
 * firewall or on a private network with the Prometheus server): a non-loopback address without
 * {@code allowNonLoopback} is refused when the settings are made, so the server does not start.
 *
 * @param listen where to serve {@code GET /metrics}; empty: no endpoint (the default)
 * @param allowNonLoopback the operator accepts an address that other machines can reach
 */
public record MetricsSettings(Optional<InetSocketAddress> listen, boolean allowNonLoopback) {

    /** The port the docs and tests use as the example; any free port works. */
    public static final int DEFAULT_PORT = 9464;

    public MetricsSettings {
        listen.ifPresent(address -> {
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("metrics.listen: cannot resolve " + address.getHostString());
            }
            if (!address.getAddress().isLoopbackAddress() && !allowNonLoopback) {
                throw new IllegalArgumentException("metrics.listen must be a loopback address (127.0.0.1 or ::1), got "
                        + address.getAddress().getHostAddress() + ": the metrics show traffic patterns to anyone who can"
                        + " connect; set metrics.allow-non-loopback=true if another address is really meant");
            }
        });
    }

    /** No metrics endpoint. */
    public static MetricsSettings off() {
        return new MetricsSettings(Optional.empty(), false);
    }

    /** An endpoint on {@code address}, which must be a loopback address. */
    public static MetricsSettings on(InetSocketAddress address) {
        return new MetricsSettings(Optional.of(address), false);
    }
}
