package org.parley.server.chat;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many of one kind of thing each account holds (rooms it owns, invitations it has outstanding),
 * against a per-account maximum. Thread-safe: rooms live on different lanes, and an account's count
 * spans them.
 *
 * <p><b>Security.</b> Bounds what one account can make the server keep (memory and rows), whatever
 * its request rate; the maximum is set by the operator ({@code limits.max-rooms-per-account},
 * {@code limits.max-invites-per-account}).
 */
final class Quota {
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();
    private final int max;

    Quota(int max) {
        this.max = max;
    }

    int max() {
        return max;
    }

    /** Takes one for {@code account} unless it holds {@link #max()} already; true if taken. */
    boolean tryTake(String account) {
        boolean[] taken = {false};
        held.compute(account, (a, count) -> {
            int now = count == null ? 0 : count;
            if (now >= max) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** Counts one more for {@code account} even above the maximum (state loaded at start, ownership passed on). */
    void add(String account) {
        held.merge(account, 1, Integer::sum);
    }

    void release(String account) {
        held.computeIfPresent(account, (a, count) -> count <= 1 ? null : count - 1);
    }

    int held(String account) {
        return held.getOrDefault(account, 0);
    }
}
