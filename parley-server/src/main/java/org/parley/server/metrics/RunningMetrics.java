package org.parley.server.metrics;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The metrics of one server run: the sink the server records into and, when configured, the
 * endpoint serving it. Closing stops the endpoint.
 */
public final class RunningMetrics implements AutoCloseable {
    private final ServerMetrics metrics;
    private final Optional<MetricsEndpoint> endpoint;

    private RunningMetrics(ServerMetrics metrics, Optional<MetricsEndpoint> endpoint) {
        this.metrics = metrics;
        this.endpoint = endpoint;
    }

    /** No endpoint and a sink that records nothing when {@code settings} are off; else a registry and its endpoint. */
    public static RunningMetrics start(MetricsSettings settings) throws IOException {
        if (settings.listen().isEmpty()) {
            return new RunningMetrics(ServerMetrics.off(), Optional.empty());
        }
        InetSocketAddress address = settings.listen().get();
        MicrometerServerMetrics metrics = new MicrometerServerMetrics();
        try {
            return new RunningMetrics(metrics, Optional.of(MetricsEndpoint.start(address, metrics)));
        } catch (BindException e) {
            throw new IOException("cannot serve metrics on " + where(address)
                    + ": the port is in use or the address is not this machine's (choose another in metrics.listen)", e);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + where(address) + ": " + e.getMessage(), e);
        }
    }

    private static String where(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Where the endpoint listens; empty when metrics are off. */
    public Optional<InetSocketAddress> address() {
        return endpoint.map(MetricsEndpoint::address);
    }

    @Override
    public void close() {
        endpoint.ifPresent(MetricsEndpoint::close);
    }
}
