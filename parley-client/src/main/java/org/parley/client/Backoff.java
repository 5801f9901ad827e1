package org.parley.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link ParleySession} waits before each attempt: {@code initial}, doubling per
 * failed attempt, capped at {@code max}. The caller adds jitter so clients of a restarted server
 * do not all return at the same instant.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
    }

    /** One second, doubling up to one minute. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** The wait before attempt {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        Duration doubled = initial.multipliedBy(1L << shift);
        return doubled.compareTo(max) > 0 || doubled.isNegative() ? max : doubled;
    }
}
