package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        var backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(backoff.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(1_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsACapBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
