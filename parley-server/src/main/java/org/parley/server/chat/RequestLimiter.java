package org.parley.server.chat;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Per-account token buckets for chat requests: one for {@link RequestKind#SEND}, one for
 * {@link RequestKind#READ}, shared by all of an account's sessions.
 *
 * <p>It also tracks bursts of rejections, so that the caller can log one event per burst rather
 * than one per rejected request, and disconnect a sender that keeps going far past the limit. A
 * burst starts with a bucket's first rejection and ends when that bucket is full again, that is
 * when the account has been slow for long enough to regain its whole allowance.
 *
 * <p><b>Security.</b> Bounds how fast one account can make the server write, broadcast and read,
 * however many connections it opens. Memory is bounded by the accounts online: when an account's
 * last session ends its buckets are kept only until they would be full anyway (at most the longest
 * {@link RequestRate#refillMillis()}), so logging out and in again does not reset them, and then
 * dropped. Called from the network threads (admission) and the chat lanes (charges for large
 * answers), so every method holds the limiter's lock; each is a few map and arithmetic steps.
 */
final class RequestLimiter {
    /** The answer to one request. */
    enum Verdict {
        /** Within the limit: handle the request. */
        ACCEPTED,
        /** Over the limit, and the first rejection of a burst (log it). */
        REJECTED_FIRST,
        /** Over the limit, within a burst already logged. */
        REJECTED,
        /** Over the limit for the {@code disconnectAfter}-th time in this burst: close the session. */
        DISCONNECT
    }

    private final RequestRate send;
    private final RequestRate read;
    private final int disconnectAfter;
    private final LongSupplier millis;
    private final Predicate<String> isOnline;
    private final long keepMillis;
    private final Map<String, Account> accounts = new HashMap<>();
    /** Accounts whose last session ended, with when; insertion order is time order. */
    private final LinkedHashMap<String, Long> offlineSince = new LinkedHashMap<>();

    /**
     * @param disconnectAfter rejections within one burst after which the verdict is {@link Verdict#DISCONNECT}
     * @param millis the server's clock, in milliseconds
     * @param isOnline whether an account still has a session (its buckets are then kept)
     */
    RequestLimiter(RequestRate send, RequestRate read, int disconnectAfter, LongSupplier millis, Predicate<String> isOnline) {
        if (disconnectAfter < 1) {
            throw new IllegalArgumentException("disconnectAfter must be positive");
        }
        this.send = send;
        this.read = read;
        this.disconnectAfter = disconnectAfter;
        this.millis = millis;
        this.isOnline = isOnline;
        this.keepMillis = Math.max(send.refillMillis(), read.refillMillis());
    }

    /** Counts one request of {@code kind} from {@code account} and says what to do with it. */
    synchronized Verdict check(String account, RequestKind kind) {
        long now = millis.getAsLong();
        forgetExpired(now);
        Account state = accounts.computeIfAbsent(account, a -> new Account(new Lane(send, now), new Lane(read, now)));
        if (!isOnline.test(account)) {
            // A request queued before the last session closed: keep the state for the usual time.
            wentOffline(account);
        }
        Lane lane = kind == RequestKind.SEND ? state.send() : state.read();
        if (lane.rejected > 0 && lane.bucket.isFull(now)) {
            lane.rejected = 0;
        }
        if (lane.bucket.tryTake(now)) {
            return Verdict.ACCEPTED;
        }
        lane.rejected++;
        if (lane.rejected % disconnectAfter == 0) {
            return Verdict.DISCONNECT;
        }
        return lane.rejected == 1 ? Verdict.REJECTED_FIRST : Verdict.REJECTED;
    }

    /** The account's last session ended: its buckets are dropped once they would be full anyway. */
    synchronized void wentOffline(String account) {
        long now = millis.getAsLong();
        offlineSince.remove(account);
        offlineSince.put(account, now);
        forgetExpired(now);
    }

    /** Accounts whose buckets are held (for tests of the memory bound). */
    synchronized int trackedAccounts() {
        return accounts.size();
    }

    /** Charges {@code extra} more tokens of {@code kind} to an account for work larger than one request. */
    synchronized void charge(String account, RequestKind kind, int extra) {
        Account state = accounts.get(account);
        if (state != null && extra > 0) {
            (kind == RequestKind.SEND ? state.send() : state.read()).bucket.charge(millis.getAsLong(), extra);
        }
    }

    private void forgetExpired(long now) {
        Iterator<Map.Entry<String, Long>> oldest = offlineSince.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (now - entry.getValue() < keepMillis) {
                return;
            }
            oldest.remove();
            if (!isOnline.test(entry.getKey())) {
                accounts.remove(entry.getKey());
            }
        }
    }

    /** One account's two lanes. */
    private record Account(Lane send, Lane read) {
    }

    /** One bucket and the rejections in its current burst. */
    private static final class Lane {
        final TokenBucket bucket;
        int rejected;

        Lane(RequestRate rate, long now) {
            this.bucket = new TokenBucket(rate, now);
        }
    }
}
