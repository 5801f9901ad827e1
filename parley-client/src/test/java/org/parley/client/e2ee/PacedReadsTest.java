package org.parley.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.client.RequestFailedException;
import org.parley.protocol.chat.ErrorCode;

/** End-to-end reads answered rate_limited are asked again, paced, for a bounded time; other refusals stand at once. */
class PacedReadsTest {
    private final AtomicInteger asked = new AtomicInteger();

    private CompletableFuture<String> refusedTimes(int refusals, ErrorCode code) {
        return asked.getAndIncrement() < refusals
                ? CompletableFuture.failedFuture(new RequestFailedException(code, "slow down"))
                : CompletableFuture.completedFuture("the device list");
    }

    @Test
    void aReadRefusedAsRateLimitedIsAskedAgainUntilTheServerAnswers() throws Exception {
        assertThat(PacedReads.await(() -> refusedTimes(3, ErrorCode.RATE_LIMITED))).isEqualTo("the device list");
        assertThat(asked).hasValue(4);
    }

    @Test
    void anotherRefusalIsNotAskedAgain() {
        assertThatThrownBy(() -> PacedReads.await(() -> refusedTimes(1, ErrorCode.NO_SUCH_USER)))
                .isInstanceOfSatisfying(RequestFailedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_USER));
        assertThat(asked).hasValue(1);
    }

    @Test
    void aServerThatKeepsRefusingIsGivenUpOnAfterTheLongestWait() {
        assertThatThrownBy(() -> PacedReads.await(() -> refusedTimes(Integer.MAX_VALUE, ErrorCode.RATE_LIMITED),
                Duration.ofMillis(700)))
                .isInstanceOfSatisfying(RequestFailedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(asked).as("asked at once, then after 100, 200 and 400 ms; the next pause would pass 700 ms").hasValue(4);
    }
}
