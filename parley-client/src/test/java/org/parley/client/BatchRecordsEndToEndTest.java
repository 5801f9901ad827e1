package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import org.parley.server.ServerSettings;

/**
 * The client library asks for batch records right after login unless its options say otherwise
 * (docs/PROTOCOL.md, Section 10.5.1), and reads them: the answer to a join and the history it
 * announces leave the server in one flush, so a client that asked gets them in a batch record, and
 * one built {@link ClientOptions#withoutBatchRecords()} gets the same events without any.
 */
class BatchRecordsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int HISTORY = 5;

    @TempDir
    Path data;

    private ParleyServer server;
    private final InMemoryPinStore pins = new InMemoryPinStore();
    private final List<ParleyClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = ParleyServer.start(ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterEach
    void stopEverything() {
        clients.forEach(ParleyClient::close);
        server.close();
    }

    @Test
    void aDefaultClientGetsBatchRecordsAndOneWithoutTheOptionGetsTheSameEventsInPlainRecords() throws Exception {
        ParleyClient sender = registered("sender", defaults(), new Rooms());
        sender.join("lobby").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        for (int i = 0; i < HISTORY; i++) {
            sender.sendRoom("lobby", "history " + i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        Rooms batchedEvents = new Rooms();
        ParleyClient batched = registered("batched", defaults(), batchedEvents);
        Rooms plainEvents = new Rooms();
        ParleyClient plain = registered("plain", defaults().withoutBatchRecords(), plainEvents);
        // A ping shares the account lane with the opt-in sent after login, so its answer comes after the opt-in's.
        batched.ping().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        plain.ping().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        batched.join("lobby").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        plain.join("lobby").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> batchedEvents.texts().size() == HISTORY && plainEvents.texts().size() == HISTORY);

        assertThat(batched.batchRecordsReceived()).isPositive();
        assertThat(plain.batchRecordsReceived()).isZero();
        assertThat(batchedEvents.texts()).isEqualTo(plainEvents.texts())
                .containsExactly("history 0", "history 1", "history 2", "history 3", "history 4");
        assertThat(batched.isConnected()).isTrue();
        assertThat(plain.isConnected()).isTrue();
    }

    @Test
    void theDefaultOptionsAskForBatchRecordsAndEveryOtherOptionKeepsTheChoice() {
        ClientOptions defaults = defaults();

        assertThat(defaults.batchRecords()).isTrue();
        assertThat(defaults.withoutBatchRecords().batchRecords()).isFalse();
        assertThat(defaults.withoutBatchRecords().withKeepAlive(Duration.ofSeconds(5)).batchRecords()).isFalse();
    }

    private ClientOptions defaults() {
        return ClientOptions.defaults("127.0.0.1", server.address().getPort(), pins, fingerprint -> true);
    }

    private ParleyClient registered(String user, ClientOptions options, Rooms listener) throws Exception {
        ParleyClient client = ParleyClient.connect(options, listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        clients.add(client);
        client.register(user, (user + "'s password").toCharArray(), Optional.empty()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    /** The texts of the room messages a client was pushed, history included. */
    private static final class Rooms implements ClientListener {
        private final List<String> texts = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(ChatEvent.Push event) {
            if (event instanceof ChatEvent.RoomMessage message) {
                texts.add(new String(message.message().body().toByteArray(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public void onDisconnected(String reason) {
            // isConnected() is asserted instead.
        }

        List<String> texts() {
            return texts;
        }
    }
}
