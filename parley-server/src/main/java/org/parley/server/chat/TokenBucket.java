package org.parley.server.chat;

/**
 * A token bucket: it holds up to {@code burst} tokens, gains {@code perSecond} tokens a second,
 * and each accepted request takes one.
 *
 * <p>Tokens are counted in thousandths, so that a rate of {@code perSecond} tokens a second is
 * exactly {@code perSecond} thousandths a millisecond and no rounding accumulates. Time comes from
 * the caller (milliseconds of the server's clock); a clock that steps backwards adds nothing.
 * Not thread-safe: its owner synchronises ({@link RequestLimiter} for the chat rates; the network
 * layer's handshake admission and per-connection KeyUpdate rate for theirs).
 *
 * <p>Work that turns out larger than one request (a long listing) is charged afterwards with
 * {@link #charge}: the bucket may then go into debt, down to minus one burst, and refuses requests
 * until the debt is paid back at the usual rate.
 */
public final class TokenBucket {
    private static final long UNIT = 1000;
    private final long capacity;
    private final long perMilli;
    private long tokens;
    private long lastMillis;

    /** A full bucket at {@code nowMillis}. */
    public TokenBucket(RequestRate rate, long nowMillis) {
        this.capacity = rate.burst() * UNIT;
        this.perMilli = rate.perSecond();
        this.tokens = capacity;
        this.lastMillis = nowMillis;
    }

    /** Takes one token if there is one at {@code nowMillis}; false means the request is over the limit. */
    public boolean tryTake(long nowMillis) {
        refill(nowMillis);
        if (tokens < UNIT) {
            return false;
        }
        tokens -= UNIT;
        return true;
    }

    /** True if the bucket is full at {@code nowMillis} (the sender has been slow long enough to regain its whole burst). */
    public boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens == capacity;
    }

    /** Takes {@code extra} more tokens for work already done, going into debt if needed (at most one burst). */
    void charge(long nowMillis, int extra) {
        refill(nowMillis);
        // Capped before multiplying: debt never exceeds one burst anyway.
        tokens = Math.max(-capacity, tokens - Math.min(extra, 2 * capacity / UNIT) * UNIT);
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - lastMillis;
        if (elapsed <= 0) {
            return;
        }
        lastMillis = nowMillis;
        // Capped before multiplying: elapsed can be huge after a long idle time (2 x capacity: from full debt to full).
        long gained = Math.min(elapsed, 2 * capacity) * perMilli;
        tokens = Math.min(capacity, tokens + gained);
    }
}
