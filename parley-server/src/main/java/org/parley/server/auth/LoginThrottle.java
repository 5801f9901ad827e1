package org.parley.server.auth;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;

/**
 * A sliding-window rate limit: at most {@code limit} attempts per key (an account or an address)
 * in any window of {@code windowMillis}.
 *
 * <p><b>Security.</b> Bounds online password guessing per account and per address. Memory is
 * bounded too: keys whose attempts have all expired are dropped, least recently used first, a few
 * per attempt; at most {@value #MAX_KEYS} keys are tracked, and past that new keys are refused
 * (fail closed).
 * Thread-safe.
 */
public final class LoginThrottle {
    static final int MAX_KEYS = 100_000;
    private final int limit;
    private final long windowMillis;
    private final LongSupplier clock;
    /** Least recently used first (access order): keys whose attempts all expired are dropped from the head. */
    private final LinkedHashMap<String, ArrayDeque<Long>> attempts = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(int limit, long windowMillis, LongSupplier clock) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Records an attempt for {@code key}; false if it exceeds the limit (the attempt must be refused). */
    public synchronized boolean tryAcquire(String key) {
        long now = clock.getAsLong();
        dropExpired(now);
        ArrayDeque<Long> times = attempts.get(key);
        if (times == null) {
            if (attempts.size() >= MAX_KEYS) {
                return false;
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

    /**
     * Drops keys whose attempts have all expired, from the least recently used on, stopping at the
     * first that still has one: a few per attempt, never the whole table (before, a new key at the
     * bound swept all 100,000, so a flood of new names cost work proportional to the table per attempt).
     */
    private void dropExpired(long now) {
        Iterator<ArrayDeque<Long>> oldest = attempts.values().iterator();
        while (oldest.hasNext()) {
            if (!expire(oldest.next(), now).isEmpty()) {
                return;
            }
            oldest.remove();
        }
    }

    /** The number of keys tracked (for tests). */
    synchronized int tracked() {
        return attempts.size();
    }

    private ArrayDeque<Long> expire(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.pollFirst();
        }
        return times;
    }
}
