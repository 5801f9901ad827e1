package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.RequestFailedException;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.ParleyServer;
import org.parley.server.ServerLimits;

/**
 * The server's message rate limit as the client library reports it: a send over the limit fails
 * with {@link RequestFailedException} carrying {@link ErrorCode#RATE_LIMITED}, and the client
 * stays connected. The server's clock stands still, so no token comes back during the test.
 */
class RateLimitEndToEndTest {
    private static final int BURST = ServerLimits.DEFAULT_CHAT_SEND_RATE.burst();
    @TempDir
    Path data;

    private ParleyServer server;
    private Chatters chatters;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(data, 0, Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));
        chatters = new Chatters(server.address());
    }

    @AfterEach
    void stopServer() {
        chatters.close();
        server.close();
    }

    @Test
    void sendsOverTheLimitFailWithRateLimitedAndTheClientStaysConnected() throws Exception {
        Chatter alice = chatters.register("alice", "password of alice");
        alice.client().join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);

        List<CompletableFuture<Long>> sends = new ArrayList<>();
        for (int i = 0; i < BURST + 3; i++) {
            sends.add(alice.client().sendRoom("lobby", "line " + i));
        }
        CompletableFuture.allOf(sends.stream().map(f -> f.handle((id, failure) -> id)).toArray(CompletableFuture[]::new))
                .get(Chatters.seconds(), TimeUnit.SECONDS);

        assertThat(sends.subList(0, BURST)).allMatch(f -> !f.isCompletedExceptionally());
        assertThat(sends.subList(BURST, BURST + 3)).allSatisfy(f -> assertThat(unwrap(f.handle((id, failure) -> failure).join()))
                .isInstanceOf(RequestFailedException.class)
                .satisfies(failure -> assertThat(((RequestFailedException) failure).code()).isEqualTo(ErrorCode.RATE_LIMITED)));
        assertThat(alice.client().rooms().get(Chatters.seconds(), TimeUnit.SECONDS).rooms())
                .as("still connected: the read bucket is separate").isNotEmpty();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException ? failure.getCause() : failure;
    }
}
