package org.parley.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.parley.protocol.suite.Preset;
import org.parley.server.ParleyServer;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;
import org.parley.server.chat.RequestRate;
import org.parley.server.metrics.MetricsSettings;

/**
 * A Parley server for the benchmark, in its own JVM so that {@code /proc/PID/stat} shows its CPU
 * alone: {@code BenchServerMain DATA_DIR PORT_FILE [PRESET [METRICS_PORT_FILE]]} starts it on 127.0.0.1
 * (ephemeral port), writes the port to PORT_FILE and runs until killed. With METRICS_PORT_FILE it also
 * serves its metrics on a free loopback port, written to that file before PORT_FILE (off by default:
 * the endpoint's counters are work the measured server would not otherwise do).
 *
 * <p>Its limits are the defaults except the ones a benchmark must lift, the same that ngIRCd's and
 * InspIRCd's flood limits are turned off for: message and read rates, handshakes and logins per
 * address (every client comes from 127.0.0.1), connections per address, and the idle timeout.
 * Everything else, including durable history and the outbound buffer bound, is as in production.
 */
public final class BenchServerMain {
    private BenchServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Preset preset = args.length > 2 ? Preset.valueOf(args[2]) : Preset.MODERN;
        ServerSettings settings = settings(Path.of(args[0]), preset);
        if (args.length > 3) {
            int metricsPort = freeLoopbackPort();
            settings = settings.withMetrics(MetricsSettings.on(new InetSocketAddress("127.0.0.1", metricsPort)));
            Files.writeString(Path.of(args[3]), Integer.toString(metricsPort));
        }
        ParleyServer server = ParleyServer.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        Files.writeString(Path.of(args[1]), Integer.toString(server.address().getPort()));
        stopped.await();
    }

    /** A loopback port free now (the endpoint binds it a moment later; a clash fails the start, loudly). */
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The benchmark's settings: see the class comment for what differs from the defaults. */
    public static ServerSettings settings(Path data, Preset preset) {
        RequestRate unlimited = new RequestRate(RequestRate.MAX, RequestRate.MAX);
        ServerLimits limits = ServerLimits.defaults()
                .withMaxConnectionsPerIp(ServerLimits.MAX_CONNECTIONS)
                .withLoginAttempts(1_000_000, 1_000_000)
                .withHandshakeRates(unlimited, unlimited)
                .withChatRates(unlimited, unlimited)
                .withMaxConnections(50_000)
                .withIdleTimeout(Duration.ofHours(1));
        return new ServerSettings(new InetSocketAddress("127.0.0.1", 0), data, preset, RegistrationPolicy.OPEN, false, limits);
    }
}
