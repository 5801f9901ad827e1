package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import org.parley.server.chat.RequestRate;

/**
 * The client keeps the protocol's window (docs/PROTOCOL.md 14.7): a burst of room messages larger than
 * 64 is written 64 at a time, so the server never refuses one as too many in flight, and every one is
 * stored, in the order it was sent.
 */
class RequestWindowEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int BURST = 300;

    @TempDir
    Path data;

    private ParleyServer server;
    private ParleyClient client;

    @BeforeEach
    void startServer() throws Exception {
        // The account's own rate limit lifted, so that only the window decides what the server sees.
        RequestRate unlimited = new RequestRate(RequestRate.MAX, RequestRate.MAX);
        server = ParleyServer.start(ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(ServerLimits.defaults().withChatRates(unlimited, unlimited)));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void aBurstOfRoomMessagesLargerThanTheWindowIsAllAcceptedInOrderAndNoneRefusedAsTooManyInFlight() throws Exception {
        ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), new InMemoryPinStore(),
                fingerprint -> true);
        client = ParleyClient.connect(options, new ClientListener() {
            @Override
            public void onEvent(ChatEvent.Push event) {
            }

            @Override
            public void onDisconnected(String reason) {
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        client.register("burst", "burst's password".toCharArray(), Optional.empty()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        client.join("lobby").get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<CompletableFuture<Long>> sends = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            sends.add(client.sendRoom("lobby", "message " + i));
        }
        List<Long> ids = new ArrayList<>();
        for (CompletableFuture<Long> send : sends) {
            ids.add(send.get(WAIT.toSeconds(), TimeUnit.SECONDS)); // a rate_limited refusal would fail here
        }

        assertThat(ids).hasSize(BURST).isSorted().doesNotHaveDuplicates();
        assertThat(client.isConnected()).isTrue();
    }
}
