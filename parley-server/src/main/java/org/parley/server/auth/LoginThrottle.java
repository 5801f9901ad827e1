package org.parley.server.auth;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A sliding-window rate limit: at most {@code limit} attempts per key (an account or an address)
 * in any window of {@code windowMillis}.
 *
 * <p><b>Security.</b> Bounds online password guessing per account and per address. Memory is
 * bounded too: at most {@value #MAX_KEYS} keys are tracked, and when that is reached keys whose
 * attempts have all expired are dropped; if none have, new keys are refused (fail closed).
 * Thread-safe.
 */
public final class LoginThrottle {
    static final int MAX_KEYS = 100_000;
    private final int limit;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Map<String, ArrayDeque<Long>> attempts = new HashMap<>();

    public LoginThrottle(int limit, long windowMillis, LongSupplier clock) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Records an attempt for {@code key}; false if it exceeds the limit (the attempt must be refused). */
    public synchronized boolean tryAcquire(String key) {
        long now = clock.getAsLong();
        ArrayDeque<Long> times = attempts.get(key);
        if (times == null) {
            if (attempts.size() >= MAX_KEYS) {
                attempts.values().removeIf(t -> expire(t, now).isEmpty());
                if (attempts.size() >= MAX_KEYS) {
                    return false;
                }
            }
            times = new ArrayDeque<>();
            attempts.put(key, times);
        }
        expire(times, now);
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    private ArrayDeque<Long> expire(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.pollFirst();
        }
        return times;
    }
}
