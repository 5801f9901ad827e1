package org.parley.server.net;

import org.parley.server.chat.RequestRate;

/**
 * A token bucket for the network layer's rates (handshakes, KeyUpdates): up to {@code burst}
 * tokens, {@code perSecond} more each second, one per event.
 *
 * <p>Counted in thousandths of a token, so {@code perSecond} tokens a second is exactly
 * {@code perSecond} thousandths a millisecond. Time is given by the caller in milliseconds; a
 * clock stepping backwards adds nothing. Not thread-safe: the owner synchronises.
 */
final class RateBucket {
    private static final long UNIT = 1000;
    private final long capacity;
    private final long perMilli;
    private long tokens;
    private long lastMillis;

    /** A full bucket at {@code nowMillis}. */
    RateBucket(RequestRate rate, long nowMillis) {
        this.capacity = rate.burst() * UNIT;
        this.perMilli = rate.perSecond();
        this.tokens = capacity;
        this.lastMillis = nowMillis;
    }

    /** Takes a token if one is available at {@code nowMillis}; false means over the rate. */
    boolean tryTake(long nowMillis) {
        refill(nowMillis);
        if (tokens < UNIT) {
            return false;
        }
        tokens -= UNIT;
        return true;
    }

    /** Whether the bucket has refilled completely by {@code nowMillis}, so forgetting it changes nothing. */
    boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens == capacity;
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - lastMillis;
        if (elapsed <= 0) {
            return;
        }
        lastMillis = nowMillis;
        // Capped before multiplying, so a long quiet time cannot overflow.
        tokens = Math.min(capacity, tokens + Math.min(elapsed, capacity) * perMilli);
    }
}
