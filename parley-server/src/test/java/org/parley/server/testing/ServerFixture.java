package org.parley.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.suite.Preset;
import org.parley.server.ParleyServer;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;
import org.parley.server.metrics.MetricsSettings;

/**
 * Runs a real server on 127.0.0.1 with an ephemeral port in a fresh temporary data directory for
 * each test, and makes its clients.
 *
 * <p>It is a JUnit extension, registered on an instance field with {@code @RegisterExtension}:
 * {@link #startedBeforeEachTest} starts the server before each test, {@link #startedByEachTest}
 * leaves the start to the test, with the limits and registration policy it is about. After each
 * test, passed or failed, the clients and the server are closed and the data directory removed.
 */
public final class ServerFixture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
    public static final String PASSWORD = "correct horse battery staple";
    private final Map<String, ScramVerifier> verifiers = new HashMap<>();
    private final List<TestClient> clients = new ArrayList<>();
    private final Optional<ServerLimits> limitsBeforeEachTest;
    private final Clock clock;
    private Path dataDirectory;
    private ServerSettings settings;
    private ParleyServer server;

    private ServerFixture(Optional<ServerLimits> limitsBeforeEachTest, Clock clock) {
        this.limitsBeforeEachTest = limitsBeforeEachTest;
        this.clock = clock;
    }

    /** A server with {@code limits} and open registration, started before each test. */
    public static ServerFixture startedBeforeEachTest(ServerLimits limits) {
        return startedBeforeEachTest(limits, Clock.systemUTC());
    }

    /** As {@link #startedBeforeEachTest(ServerLimits)}, on {@code clock} (timestamps, throttles, rate limits). */
    public static ServerFixture startedBeforeEachTest(ServerLimits limits, Clock clock) {
        return new ServerFixture(Optional.of(limits), clock);
    }

    /** A data directory per test; the test starts the server itself with {@link #start}. */
    public static ServerFixture startedByEachTest() {
        return startedByEachTest(Clock.systemUTC());
    }

    /** As {@link #startedByEachTest()}, on {@code clock}. */
    public static ServerFixture startedByEachTest(Clock clock) {
        return new ServerFixture(Optional.empty(), clock);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dataDirectory = Files.createTempDirectory("parley-server-test");
        if (limitsBeforeEachTest.isPresent()) {
            start(limitsBeforeEachTest.get());
        }
    }

    /** Starts the server with {@code limits} and open registration. */
    public void start(ServerLimits limits) throws IOException {
        start(limits, RegistrationPolicy.OPEN);
    }

    /** Starts the server with {@code limits} and {@code policy}; once per test. */
    public void start(ServerLimits limits, RegistrationPolicy policy) throws IOException {
        start(new ServerSettings(new InetSocketAddress("127.0.0.1", 0), dataDirectory, Preset.MODERN, policy,
                false, limits));
    }

    /** Starts the server with {@code limits}, open registration and the metrics endpoint {@code metrics}; once per test. */
    public void start(ServerLimits limits, MetricsSettings metrics) throws IOException {
        start(new ServerSettings(new InetSocketAddress("127.0.0.1", 0), dataDirectory, Preset.MODERN,
                RegistrationPolicy.OPEN, false, limits, metrics));
    }

    private void start(ServerSettings newSettings) throws IOException {
        if (server != null) {
            throw new IllegalStateException("the server is already running; use restartWith to change its limits");
        }
        settings = newSettings;
        server = ParleyServer.start(settings, clock);
    }

    /**
     * Starts the server with {@code limits}, open registration and its room-log store seen through
     * {@code roomLogs} (the hostile-server test seam, {@code RoomLogStore}); once per test.
     */
    public void start(ServerLimits limits, java.util.function.UnaryOperator<org.parley.server.store.RoomLogStore> roomLogs)
            throws IOException {
        if (server != null) {
            throw new IllegalStateException("the server is already running");
        }
        settings = new ServerSettings(new InetSocketAddress("127.0.0.1", 0), dataDirectory, Preset.MODERN,
                RegistrationPolicy.OPEN, false, limits);
        server = ParleyServer.start(settings, clock, roomLogs);
    }

    /** The test's data directory (database, logs), the same across restarts. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public ParleyServer server() {
        return server;
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** Stops and starts the server again on the same data directory (a new port). */
    public void restart() throws IOException {
        server.close();
        server = ParleyServer.start(settings, clock);
    }

    /** Stops the server and starts it again with other limits on the same data directory (a new port). */
    public void restartWith(ServerLimits limits) throws IOException {
        settings = settings.withLimits(limits);
        restart();
    }

    /** A SCRAM-SHA-256 verifier for {@code password}, computed once per fixture (PBKDF2 is slow). */
    public synchronized ScramVerifier verifier(String password) {
        return verifiers.computeIfAbsent(password, p -> {
            try (SecretBytes normalised = Passwords.normalise(p.toCharArray())) {
                return ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, normalised, new SecureRandom());
            }
        });
    }

    public TestClient connect() throws IOException {
        TestClient client = TestClient.connect(address());
        clients.add(client);
        return client;
    }

    /** A new account, registered and logged in on a new connection. */
    public TestClient registered(String user) throws IOException {
        ScramVerifier verifier = verifier(PASSWORD);
        TestClient client = connect();
        client.register(user, verifier);
        return client;
    }

    /** Registers {@code user} on an already connected client. */
    public TestClient registerOn(TestClient client, String user) throws IOException {
        clients.add(client);
        client.register(user, verifier(PASSWORD));
        return client;
    }

    /** Joins {@code room} and waits for the answer. */
    public static ChatEvent.JoinedRoom join(TestClient client, String room) throws IOException {
        long id = client.request(r -> new ChatRequest.JoinRoom(r, room));
        return client.awaitEvent(ChatEvent.JoinedRoom.class, j -> j.requestId() == id);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            close();
        } finally {
            deleteDataDirectory();
            // Ready for the next test should the fixture outlive this one (a per-class test instance).
            clients.clear();
            server = null;
        }
    }

    /** Closes every client this fixture made, then the server. */
    @Override
    public void close() throws IOException {
        try {
            for (TestClient client : clients) {
                client.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private void deleteDataDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
