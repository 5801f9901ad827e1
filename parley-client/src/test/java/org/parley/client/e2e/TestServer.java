package org.parley.client.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.parley.server.ParleyServer;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;

/** Starts a real server on 127.0.0.1 with an ephemeral port, with login throttles loose enough for a test run. */
final class TestServer {
    private TestServer() {
    }

    static ParleyServer start(Path dataDirectory) throws IOException {
        return start(dataDirectory, 0);
    }

    static ParleyServer start(Path dataDirectory, int port) throws IOException {
        return start(dataDirectory, port, Clock.systemUTC());
    }

    /** A server whose time is {@code clock} (message timestamps, login throttles, chat rate limits). */
    static ParleyServer start(Path dataDirectory, int port, Clock clock) throws IOException {
        ServerLimits loose = ServerLimits.defaults().withMaxConnectionsPerIp(64).withLoginAttempts(100, 1000);
        return ParleyServer.start(ServerSettings.defaults(dataDirectory)
                .withBind(new InetSocketAddress("127.0.0.1", port))
                .withLimits(loose), clock);
    }

    /** A server whose encrypted-room log store is wrapped by {@code roomLogs} (the hostile-server seam). */
    static ParleyServer startWithRoomLogs(Path dataDirectory,
            java.util.function.UnaryOperator<org.parley.server.store.RoomLogStore> roomLogs) throws IOException {
        ServerLimits loose = ServerLimits.defaults().withMaxConnectionsPerIp(64).withLoginAttempts(100, 1000);
        return ParleyServer.start(ServerSettings.defaults(dataDirectory)
                .withBind(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(loose), Clock.systemUTC(), roomLogs);
    }

    /** A server whose per-account read requests are limited to {@code read} (sends keep the default). */
    static ParleyServer startWithReadRate(Path dataDirectory, org.parley.server.chat.RequestRate read) throws IOException {
        ServerLimits limits = ServerLimits.defaults().withMaxConnectionsPerIp(64).withLoginAttempts(100, 1000)
                .withChatRates(ServerLimits.DEFAULT_CHAT_SEND_RATE, read);
        return ParleyServer.start(ServerSettings.defaults(dataDirectory)
                .withBind(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(limits), Clock.systemUTC());
    }

    /**
     * A server whose per-account read requests are limited to {@code read}, with its Prometheus
     * endpoint on an ephemeral loopback port ({@link ParleyServer#metricsAddress()}).
     */
    static ParleyServer startWithReadRateAndMetrics(Path dataDirectory, org.parley.server.chat.RequestRate read)
            throws IOException {
        ServerLimits limits = ServerLimits.defaults().withMaxConnectionsPerIp(64).withLoginAttempts(100, 1000)
                .withChatRates(ServerLimits.DEFAULT_CHAT_SEND_RATE, read);
        return ParleyServer.start(ServerSettings.defaults(dataDirectory)
                .withBind(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(limits)
                .withMetrics(org.parley.server.metrics.MetricsSettings.on(new InetSocketAddress("127.0.0.1", 0))),
                Clock.systemUTC());
    }

    /**
     * A server whose application messages are at most {@code maxMessageBytes} (so some answers do
     * not fit and are refused {@code message_too_large}), with its Prometheus endpoint as
     * {@link #startWithReadRateAndMetrics} has it.
     */
    static ParleyServer startWithMaxMessageBytesAndMetrics(Path dataDirectory, int maxMessageBytes) throws IOException {
        ServerLimits limits = ServerLimits.defaults().withMaxConnectionsPerIp(64).withLoginAttempts(100, 1000)
                .withMaxMessageBytes(maxMessageBytes);
        return ParleyServer.start(ServerSettings.defaults(dataDirectory)
                .withBind(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(limits)
                .withMetrics(org.parley.server.metrics.MetricsSettings.on(new InetSocketAddress("127.0.0.1", 0))),
                Clock.systemUTC());
    }

    /** A server whose handshake deadline is {@code handshakeTimeout}. */
    static ParleyServer startWithHandshakeTimeout(Path dataDirectory, Duration handshakeTimeout) throws IOException {
        ServerLimits limits = ServerLimits.defaults().withMaxConnectionsPerIp(64).withLoginAttempts(100, 1000)
                .withHandshakeTimeout(handshakeTimeout);
        return ParleyServer.start(ServerSettings.defaults(dataDirectory)
                .withBind(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(limits), Clock.systemUTC());
    }

    static Duration timeout() {
        return Duration.ofSeconds(15);
    }
}
