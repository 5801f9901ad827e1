package org.parley.server.e2e;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Limits, per requesting account, the prekey-bundle fetches that hand out one-time prekeys: a
 * bucket of {@code burst} such fetches that regains one every {@code refillMillis}. A fetch beyond
 * it is still answered, with bundles that hold no one-time prekey ({@link Prekeys#fetchBundles}).
 *
 * <p><b>Security.</b> Every such fetch hands out (and deletes) one one-time prekey of every device
 * of the target, so without a bound one account could empty anyone's pools and make every new
 * session start without a one-time key (Signal's known prekey-draining attack). The limit is per
 * <em>requesting</em> account across all its sessions, and applies whoever the target is. With the
 * defaults (10 at once, then one a minute) a hostile account takes at most 10 + 60 a hour from
 * each device. Refusing the fetches beyond it instead stopped honest senders (a room's first
 * message to more than ten members it had no session with) without taking a key less from the
 * pools. Confined to the chat thread; full buckets are forgotten, oldest first and a few per
 * fetch, so the map holds only accounts that fetched recently.
 */
final class BundleFetchLimiter {
    static final int DEFAULT_BURST = 10;
    static final long DEFAULT_REFILL_MILLIS = 60_000;
    private final int burst;
    private final long refillMillis;
    /** Least recently used first (access order), so forgetting full buckets can stop at the first one that is not. */
    private final LinkedHashMap<String, long[]> buckets = new LinkedHashMap<>(16, 0.75f, true);

    BundleFetchLimiter(int burst, long refillMillis) {
        if (burst < 1 || refillMillis < 1) {
            throw new IllegalArgumentException("burst and refill must be positive");
        }
        this.burst = burst;
        this.refillMillis = refillMillis;
    }

    /** Takes one fetch for {@code account} at {@code nowMillis}; false when it is over the limit. */
    boolean tryFetch(String account, long nowMillis) {
        forgetFull(nowMillis);
        long[] bucket = buckets.computeIfAbsent(account, k -> new long[] {burst, nowMillis});
        if (refill(bucket, nowMillis) < 1) {
            return false;
        }
        bucket[0]--;
        return true;
    }

    /**
     * Forgets full buckets from the least recently used on, stopping at the first that is not full:
     * a few per call, never the whole map (one fetch must not cost work proportional to every account
     * that fetched lately). A bucket is full at most {@code burst} refill periods after its last use,
     * so every bucket is forgotten within about that time of its use once fetches go on.
     */
    private void forgetFull(long nowMillis) {
        Iterator<long[]> oldest = buckets.values().iterator();
        while (oldest.hasNext()) {
            if (refill(oldest.next(), nowMillis) < burst) {
                return;
            }
            oldest.remove();
        }
    }

    /** The number of accounts with a bucket that is not known to be full (for tests). */
    int tracked() {
        return buckets.size();
    }

    /**
     * Adds the whole refill periods since the bucket's time and returns its tokens; a bucket is
     * {tokens, time they were counted}, and a full bucket's time is now (no credit is saved up).
     */
    private long refill(long[] bucket, long nowMillis) {
        long periods = Math.max(0, nowMillis - bucket[1]) / refillMillis;
        if (bucket[0] + periods >= burst) {
            bucket[0] = burst;
            bucket[1] = Math.max(bucket[1], nowMillis);
        } else {
            bucket[0] += periods;
            bucket[1] += periods * refillMillis;
        }
        return bucket[0];
    }
}
