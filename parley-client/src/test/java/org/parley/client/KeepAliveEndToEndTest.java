package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.server.ParleyServer;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;

/**
 * The client's keepalive against a server with a 4-second idle timeout: pinging every 500 ms keeps
 * a quiet session open for several timeouts, and without it the server closes the session. (With a
 * 2-second timeout a loaded 2-core build machine once stalled the pings long enough to close the
 * steady session; the margin is now eight pings per timeout.)
 */
class KeepAliveEndToEndTest {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration KEEP_ALIVE = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path data;

    private ParleyServer server;
    private final InMemoryPinStore pins = new InMemoryPinStore();
    private final List<ParleyClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = ParleyServer.start(ServerSettings.defaults(data)
                .withBind(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(ServerLimits.defaults().withIdleTimeout(IDLE_TIMEOUT)));
    }

    @AfterEach
    void stopEverything() {
        clients.forEach(ParleyClient::close);
        server.close();
    }

    @Test
    void aClientWithKeepAliveStaysConnectedForSeveralIdleTimeouts() throws Exception {
        Disconnects steadyEnds = new Disconnects();
        ParleyClient steady = registered("steady", KEEP_ALIVE, steadyEnds);
        Disconnects quietEnds = new Disconnects();
        ParleyClient quiet = registered("quiet", Duration.ZERO, quietEnds);

        // Twenty-four answered pings span three idle timeouts; the quiet control client shows that the
        // server did enforce the timeout during that time.
        await().atMost(WAIT).until(() -> steady.keepAlivesAnswered() >= 24 && !quiet.isConnected());

        assertThat(steady.isConnected()).isTrue();
        assertThat(steadyEnds.reasons()).isEmpty();
        assertThat(quietEnds.reasons()).isNotEmpty();
    }

    @Test
    void aClientWithoutKeepAliveIsDisconnectedWhenIdle() throws Exception {
        Disconnects ends = new Disconnects();
        ParleyClient quiet = registered("sleepy", Duration.ZERO, ends);

        await().atMost(WAIT).until(() -> !quiet.isConnected());

        assertThat(quiet.keepAlivesAnswered()).isZero();
        await().atMost(WAIT).until(() -> !ends.reasons().isEmpty());
    }

    @Test
    void theDefaultOptionsPingEveryMinuteAndTheOldConstructorKeepsThatDefault() {
        ClientOptions defaults = ClientOptions.defaults("127.0.0.1", 7443, pins, fingerprint -> true);
        ClientOptions legacy = new ClientOptions("127.0.0.1", 7443, defaults.offer(), pins, fingerprint -> true,
                defaults.connectTimeout(), defaults.requestTimeout());

        assertThat(defaults.keepAliveInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(legacy.keepAliveInterval()).isEqualTo(ClientOptions.DEFAULT_KEEP_ALIVE);
        assertThat(defaults.withKeepAlive(Duration.ZERO).keepAliveInterval()).isZero();
    }

    private ParleyClient registered(String user, Duration keepAlive, Disconnects ends) throws Exception {
        ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), pins, fingerprint -> true)
                .withKeepAlive(keepAlive);
        ParleyClient client = ParleyClient.connect(options, ends).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        clients.add(client);
        client.register(user, (user + "'s password").toCharArray(), Optional.empty()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    /** Records why the connection ended. */
    private static final class Disconnects implements ClientListener {
        private final List<String> reasons = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(ChatEvent.Push event) {
            // Presence and history events are irrelevant here; only the disconnect matters.
        }

        @Override
        public void onDisconnected(String reason) {
            reasons.add(reason);
        }

        List<String> reasons() {
            return List.copyOf(reasons);
        }
    }
}
