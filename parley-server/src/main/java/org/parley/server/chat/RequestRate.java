package org.parley.server.chat;

/**
 * A token-bucket rate for one class of chat requests: up to {@code burst} requests at once, then
 * {@code perSecond} a second on average.
 *
 * <p><b>Security.</b> Part of the server's flood bounds (see {@link RequestLimiter}); both values
 * are bounded here, so a configuration cannot turn the limit into "unlimited" by overflow.
 *
 * @param burst requests accepted back to back from a full bucket (the bucket's capacity)
 * @param perSecond tokens added back each second
 */
public record RequestRate(int burst, int perSecond) {
    /** Largest burst and rate accepted: far above any chat, small enough that no arithmetic overflows. */
    public static final int MAX = 1_000_000;

    public RequestRate {
        if (burst < 1 || burst > MAX || perSecond < 1 || perSecond > MAX) {
            throw new IllegalArgumentException("burst and perSecond must be 1.." + MAX);
        }
    }

    /** Milliseconds an empty bucket needs to fill again; after that a forgotten bucket is no different from a kept one. */
    long refillMillis() {
        return (burst * 1000L + perSecond - 1) / perSecond;
    }
}
