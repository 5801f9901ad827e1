package org.parley.lab.e2e;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A scenario step that waits for a party to see something is a lab error when it never does, never a
 * step the scenario carries on from (docs/LAB.md): the wait names what it waited for.
 */
class E2eWaitTest {
    private static final Duration SHORT = Duration.ofMillis(100);

    @Test
    void aConditionThatNeverHoldsIsATimeoutNamingWhatWasAwaited() {
        assertThatThrownBy(() -> E2eParty.require(SHORT, () -> false, "bob_x receiving \"welcome\""))
                .isInstanceOf(TimeoutException.class).hasMessageContaining("bob_x receiving \"welcome\"")
                .hasMessageContaining("100 ms");
    }

    @Test
    void aConditionThatHoldsIsNoError() {
        assertThatCode(() -> E2eParty.require(SHORT, () -> true, "anything")).doesNotThrowAnyException();
    }
}
