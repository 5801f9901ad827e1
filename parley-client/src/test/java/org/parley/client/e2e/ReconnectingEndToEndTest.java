package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Backoff;
import org.parley.client.ClientOptions;
import org.parley.client.ReconnectingClient;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.server.ParleyServer;

/** A reconnecting client survives a server restart: it logs in again and rejoins its rooms. */
class ReconnectingEndToEndTest {
    @TempDir
    Path data;

    @Test
    void reconnectsLogsInAndRejoinsAfterTheServerRestarts() throws Exception {
        char[] password = "alice's password".toCharArray();
        ParleyServer first = TestServer.start(data);
        int port = first.address().getPort();
        try (Chatters chatters = new Chatters(first.address())) {
            chatters.register("alice", new String(password)).client().close();
        }
        RecordingListener listener = new RecordingListener();
        ClientOptions options = ClientOptions.defaults("127.0.0.1", port, new InMemoryPinStore(), fp -> true);
        ParleyServer second = null;
        try (ReconnectingClient client = ReconnectingClient.start(options, listener,
                        c -> c.login("alice", password.clone()), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                        List.of("lobby"))
                .get(Chatters.seconds(), TimeUnit.SECONDS)) {

            first.close();
            await().atMost(TestServer.timeout()).until(() -> client.current().isEmpty());
            second = TestServer.start(data, port);

            await().atMost(TestServer.timeout()).untilAsserted(() -> assertThat(client.current()).isPresent());
            long id = await().atMost(TestServer.timeout()).ignoreExceptions().until(() -> client.current().orElseThrow()
                    .sendRoom("lobby", "back again").get(Chatters.seconds(), TimeUnit.SECONDS), messageId -> messageId > 0);
            assertThat(id).isPositive();
            // The disconnect is reported on the listener thread, possibly after the reconnect: wait for it.
            await().atMost(TestServer.timeout()).untilAsserted(() ->
                    assertThat(listener.disconnects()).anySatisfy(reason -> assertThat(reason).contains("reconnecting")));
            await().atMost(TestServer.timeout()).untilAsserted(() ->
                    assertThat(listener.roomTexts(false)).contains("back again"));
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }
}
