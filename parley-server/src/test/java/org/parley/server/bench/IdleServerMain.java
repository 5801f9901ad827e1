package org.parley.server.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.parley.protocol.suite.Preset;
import org.parley.server.ParleyServer;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;
import org.parley.server.chat.RequestRate;

/**
 * Benchmark helper for bench/idle-cpu.sh: starts a server on 127.0.0.1 (ephemeral port) in the
 * data directory {@code args[0]} and writes the port to the file {@code args[1]}; runs until killed.
 */
public final class IdleServerMain {
    private IdleServerMain() {
    }

    public static void main(String[] args) throws Exception {
        ServerSettings settings = new ServerSettings(new InetSocketAddress("127.0.0.1", 0), Path.of(args[0]),
                Preset.MODERN, RegistrationPolicy.OPEN, false, ServerLimits.defaults().withMaxConnectionsPerIp(1000)
                .withLoginAttempts(1000, 100_000)
                .withHandshakeRates(new RequestRate(100_000, 100_000), new RequestRate(100_000, 100_000)));
        ParleyServer server = ParleyServer.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        Files.writeString(Path.of(args[1]), Integer.toString(server.address().getPort()));
        stopped.await();
    }
}
