package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.KnownServersFile;
import org.parley.client.ParleyClient;
import org.parley.protocol.chat.ChatEvent;
import org.parley.server.store.SqliteStore;

/**
 * SIGTERM stops the server gracefully: connected clients are told why and see an orderly close,
 * the process exits through its shutdown hook, and the database is closed sound.
 */
class SigtermShutdownTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path scratch;

    private ServerChild child;
    private ParleyClient client;

    @AfterEach
    void stopEverything() {
        if (client != null) {
            client.close();
        }
        if (child != null) {
            child.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermTellsClientsClosesThemAndLeavesASoundDatabase() throws Exception {
        Path data = scratch.resolve("data");
        child = ServerChild.start(data, scratch, "sigterm", TIMEOUT);
        int port = child.port();
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        List<String> disconnects = new CopyOnWriteArrayList<>();
        ClientOptions options = ClientOptions.defaults("127.0.0.1", port,
                new KnownServersFile(scratch.resolve("known_servers")), fingerprint -> true);
        client = ParleyClient.connect(options, new ClientListener() {
            @Override
            public void onEvent(ChatEvent.Push event) {
                events.add(event);
            }

            @Override
            public void onDisconnected(String reason) {
                disconnects.add(reason);
            }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        client.register("stayer", "a password for sigterm".toCharArray(), Optional.empty()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        client.join("lobby").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long id = client.sendRoom("lobby", "before the shutdown").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        int status = child.stop(TIMEOUT);

        assertThat(status).as("exit status after SIGTERM (128 + 15)").isEqualTo(143);
        await().atMost(TIMEOUT).until(() -> !disconnects.isEmpty());
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOf(ChatEvent.Notice.class));
        try (SqliteStore store = SqliteStore.open(data.resolve("parley.db"))) {
            assertThat(store.integrityOk()).isTrue();
            assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 10))
                    .anySatisfy(message -> assertThat(message.id()).isEqualTo(id));
        }
    }
}
