package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.ChatEvent;

class PendingRequestsTest {

    @Test
    void idsIncreaseFromOne() {
        var pending = new PendingRequests(Duration.ofMinutes(1));

        assertThat(pending.register().requestId()).isEqualTo(1);
        assertThat(pending.register().requestId()).isEqualTo(2);
    }

    @Test
    void anAnswerIsHandedOutOnce() {
        var pending = new PendingRequests(Duration.ofMinutes(1));
        var registration = pending.register();

        assertThat(pending.take(registration.requestId())).containsSame(registration.answer());
        assertThat(pending.take(registration.requestId())).isEmpty();
    }

    @Test
    void failAllFailsWaitingAndLaterRequests() {
        var pending = new PendingRequests(Duration.ofMinutes(1));
        var waiting = pending.register();
        var cause = new ConnectionFailedException("gone");

        pending.failAll(cause);
        var later = pending.register();

        assertThat(waiting.answer()).isCompletedExceptionally();
        assertThat(later.answer()).isCompletedExceptionally();
        assertThat(later.answer().exceptionNow()).isSameAs(cause);
        assertThat(pending.take(waiting.requestId())).isEmpty();
    }

    @Test
    void anUnansweredRequestTimesOutAndIsForgotten() {
        var pending = new PendingRequests(Duration.ofMillis(50));
        var registration = pending.register();

        await().atMost(Duration.ofSeconds(5)).until(registration.answer()::isDone);

        assertThat(registration.answer().exceptionNow()).isInstanceOf(TimeoutException.class);
        assertThat(pending.take(registration.requestId())).isEmpty();
        assertThat(registration.answer().complete(new ChatEvent.Accepted(1, 0))).isFalse();
    }
}
