package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting for one's own message to come back before reading the next line. */
class EchoTrackerTest {
    private final EchoTracker echoes = new EchoTracker();

    @Test
    void aMessageSeenEndsTheWaitAsSeen() throws Exception {
        int connection = echoes.connection();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> await(7, connection));

        echoes.seen(7);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aReconnectEndsAWaitForAMessageSentBeforeItWhichMayNeverComeBackLive() throws Exception {
        int connection = echoes.connection();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> await(7, connection));

        echoes.reconnected();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(echoes.connection()).isEqualTo(connection + 1);
    }

    @Test
    void aWaitStartedOnTheNewConnectionStillWaitsForItsMessage() throws Exception {
        echoes.reconnected();
        int connection = echoes.connection();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> await(8, connection));

        echoes.seen(9);
        assertThat(waiting).isNotDone();
        echoes.seen(8);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
    }

    private boolean await(long id, int connection) {
        try {
            return echoes.await(id, connection, Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
