package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.suite.Preset;
import org.parley.server.testing.TestClient;

/**
 * Handshake steps run on the handshake pool, not on the event loop: with one event loop for every
 * connection and one connection's handshake step held on a latch, another connection still
 * handshakes, logs in and chats; the held connection completes once the latch opens.
 */
class HandshakeOffloadTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final CountDownLatch stepStarted = new CountDownLatch(1);
    private final CountDownLatch releaseStep = new CountDownLatch(1);
    private Path data;
    private ParleyServer server;

    /** The pool as the server sees it: the first step waits for {@link #releaseStep}, the others run at once. */
    private Executor holdingTheFirstStep(Executor pool) {
        AtomicBoolean first = new AtomicBoolean(true);
        return step -> pool.execute(!first.getAndSet(false) ? step : () -> {
            stepStarted.countDown();
            try {
                releaseStep.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            step.run();
        });
    }

    @BeforeEach
    void start() throws IOException {
        data = Files.createTempDirectory("parley-offload-test");
        ServerLimits limits = ServerLimits.defaults();
        ServerLimits twoHandshakeThreads = limits.withHandshakeThreads(2);
        ServerSettings settings = new ServerSettings(new InetSocketAddress("127.0.0.1", 0), data, Preset.MODERN,
                RegistrationPolicy.OPEN, false, twoHandshakeThreads);
        server = ParleyServer.start(settings, Clock.systemUTC(), 1, this::holdingTheFirstStep);
    }

    @AfterEach
    void stop() throws IOException {
        releaseStep.countDown();
        server.close();
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void theEventLoopServesOtherConnectionsWhileAHandshakeStepIsHeld() throws Exception {
        try (TestClient held = TestClient.connectWithoutWaiting(server.address())) {
            assertThat(stepStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            try (TestClient other = TestClient.connect(server.address())) {
                assertThat(other.established()).isTrue();
                other.register("bob", verifier());
                long id = other.request(r -> new ChatRequest.JoinRoom(r, "lobby"));
                other.awaitEvent(ChatEvent.JoinedRoom.class, j -> j.requestId() == id);
            }
            assertThat(held.established()).isFalse();

            releaseStep.countDown();
            await().atMost(WAIT).until(() -> held.established() || held.isClosed());
            assertThat(held.established()).isTrue();
        }
    }

    private static ScramVerifier verifier() {
        try (SecretBytes normalised = Passwords.normalise("correct horse battery staple".toCharArray())) {
            return ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, normalised, new SecureRandom());
        }
    }
}
