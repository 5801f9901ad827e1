package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The token bucket: the burst, the refill and a clock that moves oddly; time is passed in, never read. */
class TokenBucketTest {
    private static final long START = 1_000_000;

    @Test
    void aFullBucketAcceptsExactlyItsBurstBackToBack() {
        TokenBucket bucket = new TokenBucket(new RequestRate(20, 5), START);

        long accepted = IntStream.range(0, 25).filter(i -> bucket.tryTake(START)).count();

        assertThat(accepted).isEqualTo(20);
        assertThat(bucket.tryTake(START)).isFalse();
    }

    @Test
    void anEmptyBucketGainsOneTokenPerIntervalOfTheRate() {
        TokenBucket bucket = new TokenBucket(new RequestRate(20, 5), START);
        IntStream.range(0, 20).forEach(i -> bucket.tryTake(START));

        assertThat(bucket.tryTake(START + 199)).as("just before one token is back").isFalse();
        assertThat(bucket.tryTake(START + 200)).as("one token after 1/5 s").isTrue();
        assertThat(bucket.tryTake(START + 200)).as("and only one").isFalse();
        assertThat(IntStream.range(0, 10).filter(i -> bucket.tryTake(START + 2200)).count())
                .as("ten more after two more seconds").isEqualTo(10);
    }

    @Test
    void aLongIdleTimeRefillsOnlyUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(new RequestRate(3, 1), START);
        IntStream.range(0, 3).forEach(i -> bucket.tryTake(START));
        long muchLater = START + 365L * 24 * 3600 * 1000;

        assertThat(bucket.isFull(muchLater)).isTrue();
        assertThat(IntStream.range(0, 5).filter(i -> bucket.tryTake(muchLater)).count()).isEqualTo(3);
    }

    @Test
    void aClockSteppingBackwardsAddsNoTokens() {
        TokenBucket bucket = new TokenBucket(new RequestRate(2, 1), START);
        bucket.tryTake(START);
        bucket.tryTake(START);

        assertThat(bucket.tryTake(START - 60_000)).isFalse();
        assertThat(bucket.tryTake(START + 999)).as("time lost going back is not counted twice").isFalse();
        assertThat(bucket.tryTake(START + 1000)).isTrue();
    }

    @Test
    void isFullOnlyOnceEveryTakenTokenIsBack() {
        TokenBucket bucket = new TokenBucket(new RequestRate(4, 2), START);
        bucket.tryTake(START);
        bucket.tryTake(START);

        assertThat(bucket.isFull(START + 999)).isFalse();
        assertThat(bucket.isFull(START + 1000)).isTrue();
    }

    @Test
    void aRateOutsideItsBoundsIsRefused() {
        assertThatThrownBy(() -> new RequestRate(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRate(20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRate(RequestRate.MAX + 1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChargeForLargeWorkGoesIntoDebtOfAtMostOneBurstAndIsPaidBackAtTheRate() {
        TokenBucket bucket = new TokenBucket(new RequestRate(10, 1), START);
        bucket.charge(START, 1_000);

        // The 10 tokens taken plus at most 10 of debt: 11 seconds until the next request, not 1,000.
        assertThat(bucket.tryTake(START + 10_999)).isFalse();
        assertThat(bucket.tryTake(START + 11_000)).isTrue();
    }
}
