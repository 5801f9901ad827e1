package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerSettleTest {

    /** A server busy at {@code busyCores} of a core until {@code busyUntilMillis} on a fake clock, idle after. */
    private static final class FakeServer {
        long nowNanos;
        long cpuNanos;
        final double busyCores;
        final long busyUntilNanos;

        FakeServer(double busyCores, long busyUntilMillis) {
            this.busyCores = busyCores;
            this.busyUntilNanos = busyUntilMillis * 1_000_000;
        }

        void sleep(long millis) {
            for (long i = 0; i < millis; i++) {
                if (nowNanos < busyUntilNanos) {
                    cpuNanos += (long) (busyCores * 1_000_000);
                }
                nowNanos += 1_000_000;
            }
        }

        ServerSettle settle() {
            return new ServerSettle(() -> cpuNanos, () -> nowNanos, this::sleep);
        }
    }

    @Test
    void anIdleServerHasSettledAfterOneWindow() throws Exception {
        FakeServer idle = new FakeServer(0, 0);

        assertThat(idle.settle().await()).isEqualTo(ServerSettle.WINDOW_MILLIS);
    }

    @Test
    void aServerStillWorkingOffTheLastStepIsWaitedForUntilAWholeWindowIsIdle() throws Exception {
        FakeServer busy = new FakeServer(1.0, 3_200);

        long waited = busy.settle().await();

        assertThat(waited).isGreaterThanOrEqualTo(3_200 + ServerSettle.WINDOW_MILLIS)
                .isLessThan(3_200 + 2 * ServerSettle.WINDOW_MILLIS);
    }

    @Test
    void aServerBusyBeyondTheLimitIsGivenUpOn() throws Exception {
        FakeServer neverIdle = new FakeServer(0.5, Long.MAX_VALUE / 2_000_000);

        assertThat(neverIdle.settle().await()).isEqualTo(-1);
        assertThat(neverIdle.nowNanos / 1_000_000).isBetween(ServerSettle.LIMIT_MILLIS, ServerSettle.LIMIT_MILLIS + ServerSettle.WINDOW_MILLIS);
    }

    @Test
    void aServerBelowTheIdleShareCountsAsIdle() throws Exception {
        FakeServer background = new FakeServer(ServerSettle.IDLE_CORES / 2, Long.MAX_VALUE / 2_000_000);

        assertThat(background.settle().await()).isEqualTo(ServerSettle.WINDOW_MILLIS);
    }
}
