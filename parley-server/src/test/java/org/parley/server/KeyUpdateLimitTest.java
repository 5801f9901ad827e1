package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/** The per-connection KeyUpdate bucket, on a clock that moves only by hand. */
class KeyUpdateLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults()
            .withKeyUpdateRate(new RequestRate(3, 1)), clock);

    private static void updateAndAwaitAnswers(TestClient client, int count) throws Exception {
        long before = client.peerKeyUpdates();
        for (int i = 0; i < count; i++) {
            client.requestKeyUpdate();
        }
        await().atMost(WAIT).until(() -> client.peerKeyUpdates() == before + count || client.isClosed());
    }

    @Test
    void theKeyUpdateAfterTheBurstClosesTheConnectionWithLimitExceeded() throws Exception {
        TestClient client = fixture.connect();
        updateAndAwaitAnswers(client, 3);
        assertThat(client.isClosed()).isFalse();

        client.requestKeyUpdate();
        client.awaitClosed();

        assertThat(client.closedReason()).contains("LIMIT_EXCEEDED");
    }

    @Test
    void aConnectionRegainsKeyUpdatesAtTheConfiguredRate() throws Exception {
        TestClient client = fixture.connect();
        updateAndAwaitAnswers(client, 3);

        clock.advance(Duration.ofSeconds(1));
        updateAndAwaitAnswers(client, 1);

        assertThat(client.isClosed()).isFalse();
        assertThat(client.peerKeyUpdates()).isEqualTo(4);
    }
}
