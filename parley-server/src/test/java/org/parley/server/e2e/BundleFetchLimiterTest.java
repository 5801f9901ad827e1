package org.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BundleFetchLimiterTest {

    @Test
    void aBurstIsAllowedThenOneFetchPerRefillPeriod() {
        BundleFetchLimiter limiter = new BundleFetchLimiter(3, 1000);

        assertThat(limiter.tryFetch("mallory", 0)).isTrue();
        assertThat(limiter.tryFetch("mallory", 0)).isTrue();
        assertThat(limiter.tryFetch("mallory", 0)).isTrue();
        assertThat(limiter.tryFetch("mallory", 999)).isFalse();
        assertThat(limiter.tryFetch("mallory", 1000)).isTrue();
        assertThat(limiter.tryFetch("mallory", 1500)).isFalse();
        assertThat(limiter.tryFetch("mallory", 2000)).isTrue();
    }

    @Test
    void accountsHaveSeparateBuckets() {
        BundleFetchLimiter limiter = new BundleFetchLimiter(1, 60_000);

        assertThat(limiter.tryFetch("mallory", 0)).isTrue();
        assertThat(limiter.tryFetch("mallory", 0)).isFalse();
        assertThat(limiter.tryFetch("alice", 0)).isTrue();
    }

    @Test
    void aLongPauseRefillsOnlyUpToTheBurst() {
        BundleFetchLimiter limiter = new BundleFetchLimiter(2, 1000);
        limiter.tryFetch("mallory", 0);
        limiter.tryFetch("mallory", 0);

        int allowed = 0;
        for (int i = 0; i < 5; i++) {
            allowed += limiter.tryFetch("mallory", 1_000_000) ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(2);
    }

    @Test
    void aClockStepBackwardsGivesNothing() {
        BundleFetchLimiter limiter = new BundleFetchLimiter(1, 1000);
        limiter.tryFetch("mallory", 10_000);

        assertThat(limiter.tryFetch("mallory", 0)).isFalse();
        assertThat(limiter.tryFetch("mallory", 10_999)).isFalse();
        assertThat(limiter.tryFetch("mallory", 11_000)).isTrue();
    }

    @Test
    void bucketsThatFilledUpAgainAreForgottenSoTheMapHoldsOnlyRecentFetchers() {
        BundleFetchLimiter limiter = new BundleFetchLimiter(2, 1000);
        for (int i = 0; i < 1000; i++) {
            limiter.tryFetch("account" + i, i);
        }
        assertThat(limiter.tracked()).isEqualTo(1000);

        limiter.tryFetch("late", 5000);
        assertThat(limiter.tracked()).as("every earlier bucket is full again by then").isEqualTo(1);
    }

    @Test
    void aRecentlyUsedBucketIsKeptWhileOlderFullOnesAreForgotten() {
        BundleFetchLimiter limiter = new BundleFetchLimiter(2, 1000);
        limiter.tryFetch("quiet", 0);
        limiter.tryFetch("busy", 0);
        limiter.tryFetch("busy", 0);

        limiter.tryFetch("busy", 1500);
        assertThat(limiter.tryFetch("busy", 1500)).as("still limited: its bucket was not forgotten").isFalse();
        assertThat(limiter.tracked()).isEqualTo(1);
    }
}
