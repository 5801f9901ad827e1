package org.parley.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
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

/** Starts a real server on 127.0.0.1 with an ephemeral port in a temporary data directory, and makes clients. */
public final class ServerFixture implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery staple";
    private final Map<String, ScramVerifier> verifiers = new HashMap<>();
    private final java.util.List<TestClient> clients = new java.util.ArrayList<>();
    private final ServerSettings settings;
    private final Clock clock;
    private ParleyServer server;

    /** A server whose time is {@code clock} (message timestamps, login throttles, chat rate limits). */
    public ServerFixture(Path dataDirectory, ServerLimits limits, RegistrationPolicy policy, Clock clock) throws IOException {
        this.settings = new ServerSettings(new InetSocketAddress("127.0.0.1", 0), dataDirectory, Preset.MODERN, policy,
                false, limits);
        this.clock = clock;
        this.server = ParleyServer.start(settings, clock);
    }

    public ServerFixture(Path dataDirectory, ServerLimits limits, RegistrationPolicy policy) throws IOException {
        this(dataDirectory, limits, policy, Clock.systemUTC());
    }

    public ServerFixture(Path dataDirectory, ServerLimits limits) throws IOException {
        this(dataDirectory, limits, RegistrationPolicy.OPEN);
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
    public void close() throws IOException {
        for (TestClient client : clients) {
            client.close();
        }
        server.close();
    }
}
