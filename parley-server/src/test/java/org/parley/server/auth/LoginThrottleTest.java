package org.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(3, 60_000, now::get);

    @Test
    void refusesTheAttemptOverTheLimitWithinTheWindow() {
        assertThat(throttle.tryAcquire("alice")).isTrue();
        assertThat(throttle.tryAcquire("alice")).isTrue();
        assertThat(throttle.tryAcquire("alice")).isTrue();
        assertThat(throttle.tryAcquire("alice")).isFalse();
        assertThat(throttle.tryAcquire("bob")).isTrue();
    }

    @Test
    void windowSlidesSoOldAttemptsExpireOneByOne() {
        throttle.tryAcquire("alice");
        now.addAndGet(30_000);
        throttle.tryAcquire("alice");
        throttle.tryAcquire("alice");
        assertThat(throttle.tryAcquire("alice")).isFalse();
        now.addAndGet(30_000);
        assertThat(throttle.tryAcquire("alice")).isTrue();
        assertThat(throttle.tryAcquire("alice")).isFalse();
    }

    @Test
    void refusedAttemptsDoNotExtendTheWindow() {
        for (int i = 0; i < 10; i++) {
            throttle.tryAcquire("alice");
        }
        now.addAndGet(60_000);
        assertThat(throttle.tryAcquire("alice")).isTrue();
    }

    @Test
    void keysWhoseAttemptsAllExpiredAreDroppedAndAKeyStillInItsWindowIsKept() {
        for (int i = 0; i < 1000; i++) {
            throttle.tryAcquire("guess" + i);
        }
        now.addAndGet(30_000);
        throttle.tryAcquire("alice");
        throttle.tryAcquire("alice");
        throttle.tryAcquire("alice");
        assertThat(throttle.tracked()).isEqualTo(1001);

        now.addAndGet(30_000);
        assertThat(throttle.tryAcquire("bob")).isTrue();

        assertThat(throttle.tracked()).as("the guesses expired; alice's attempts are in the window; bob is new")
                .isEqualTo(2);
        assertThat(throttle.tryAcquire("alice")).as("alice is still limited: her attempts were kept").isFalse();
    }
}
