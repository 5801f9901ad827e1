package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.server.testing.TestClient;

/**
 * Which handshake reads go to the handshake pool: every read until the server has answered the
 * ClientHello (its key exchange and signature), and none after it (the client's Finished is
 * opened on the event loop, issue 13). A ClientHello split across reads therefore still never
 * has its public-key work done on the event loop.
 */
class HandshakeStepsOnPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final AtomicInteger poolSteps = new AtomicInteger();
    private Path data;
    private ParleyServer server;

    @BeforeEach
    void start() throws IOException {
        data = Files.createTempDirectory("parley-pool-steps-test");
        ServerSettings settings = new ServerSettings(new InetSocketAddress("127.0.0.1", 0), data, Preset.MODERN,
                RegistrationPolicy.OPEN, false, ServerLimits.defaults());
        server = ParleyServer.start(settings, Clock.systemUTC(), 1, this::counting);
    }

    private Executor counting(Executor pool) {
        return step -> {
            poolSteps.incrementAndGet();
            pool.execute(step);
        };
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void aHandshakeSendsOnlyItsClientHelloToThePool() throws Exception {
        try (TestClient client = TestClient.connect(server.address())) {
            assertThat(client.established()).isTrue();

            client.register("carol", verifier()); // answered only once the server has taken the client's Finished

            assertThat(poolSteps.get()).isEqualTo(1);
        }
    }

    @Test
    void aClientHelloSplitAcrossTwoReadsRunsBothPartsOnThePool() throws Exception {
        SecureChannel client = SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), (algorithm, key) -> { },
                new SecureRandom(), RecordLimits.defaults()));
        byte[] hello = Bytes.concat(client.drainOutbound().toArray(Bytes[]::new)).toByteArray();
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(hello, 0, 10);
            out.flush();
            await().atMost(WAIT).until(() -> poolSteps.get() == 1);

            out.write(hello, 10, hello.length - 10);
            out.flush();
            boolean established = readUntilEstablished(client, socket.getInputStream());

            assertThat(established).isTrue();
            assertThat(poolSteps.get()).isEqualTo(2);
        }
    }

    private static boolean readUntilEstablished(SecureChannel client, InputStream in) throws Exception {
        byte[] buffer = new byte[16_384];
        while (client.state() == SecureChannel.State.HANDSHAKING) {
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            for (ChannelEvent event : client.receive(ByteBuffer.wrap(Arrays.copyOf(buffer, n)))) {
                if (event instanceof ChannelEvent.HandshakeCompleted) {
                    return true;
                }
            }
        }
        return client.state() == SecureChannel.State.ESTABLISHED;
    }

    private static ScramVerifier verifier() {
        try (SecretBytes normalised = Passwords.normalise("correct horse battery staple".toCharArray())) {
            return ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, normalised, new SecureRandom());
        }
    }
}
