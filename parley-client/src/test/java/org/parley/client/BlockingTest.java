package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.ErrorCode;

class BlockingTest {

    @Test
    void returnsTheValue() throws Exception {
        assertThat(Blocking.await(CompletableFuture.completedFuture(7L), Duration.ofSeconds(1))).isEqualTo(7L);
    }

    @Test
    void rethrowsTheTypedFailureItself() {
        var failure = new RequestFailedException(ErrorCode.NO_SUCH_ROOM, "no room");

        assertThatThrownBy(() -> Blocking.await(CompletableFuture.failedFuture(failure), Duration.ofSeconds(1)))
                .isSameAs(failure);
    }

    @Test
    void failsWithATimeoutWhenNothingArrives() {
        assertThatThrownBy(() -> Blocking.await(new CompletableFuture<>(), Duration.ofMillis(20)))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void rethrowsAnIllegalStateUnwrapped() {
        var failure = new IllegalStateException("log in first");

        assertThatThrownBy(() -> Blocking.await(CompletableFuture.failedFuture(failure), Duration.ofSeconds(1)))
                .isSameAs(failure);
    }
}
