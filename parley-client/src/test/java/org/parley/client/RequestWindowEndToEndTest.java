package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.server.ParleyServer;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;
import org.parley.server.chat.RequestRate;

/**
 * The client keeps the protocol's window (docs/PROTOCOL.md 14.7): a burst of room messages larger than
 * 64 is written 64 at a time, so the server never refuses one as too many in flight ({@code
 * rate_limited}), answers every one, and stores them in the order they were sent.
 *
 * <p>The room's own admission is not the window's to govern: with more than 32 messages in flight and
 * the oldest older than 100 ms (a stalled fsync on a loaded machine), the room answers {@code
 * server_busy}, "try again in a moment" (14.7, "Per room"). On a quiet machine none is refused; the
 * test allows that one refusal, and only that one, so that a stall of the machine cannot fail it.
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
    void aBurstOfRoomMessagesLargerThanTheWindowIsAnsweredInOrderAndNoneRefusedAsTooManyInFlight() throws Exception {
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
        List<Throwable> refusals = new ArrayList<>();
        for (CompletableFuture<Long> send : sends) {
            try {
                ids.add(send.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            } catch (ExecutionException refused) {
                refusals.add(refused.getCause());
            }
        }

        assertThat(refusals).as("only the room's own admission may refuse, never the window")
                .allSatisfy(refusal -> assertThat(refusal).isInstanceOfSatisfying(RequestFailedException.class,
                        failed -> assertThat(failed.code()).isEqualTo(ErrorCode.SERVER_BUSY)));
        assertThat(ids.size() + refusals.size()).as("every message answered").isEqualTo(BURST);
        assertThat(ids).as("the accepted ones stored in the order sent").isSorted().doesNotHaveDuplicates();
        assertThat(client.isConnected()).isTrue();
    }
}
