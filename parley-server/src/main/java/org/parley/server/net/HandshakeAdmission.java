package org.parley.server.net;

import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.server.chat.RequestRate;
import org.parley.server.chat.TokenBucket;
import org.parley.server.log.AuditLog;
import org.parley.server.metrics.RateBucket;

/**
 * Decides whether a new handshake may start: one token from the address's bucket and one from the
 * server-wide bucket, shared by every connection of one server.
 *
 * <p><b>Security.</b> A handshake costs the server several times what it costs the client
 * (docs/SECURITY.md, "Cost of a handshake"), so replaying a recorded ClientHello is bounded per
 * address and overall. A refusal is written to the audit log once per burst: the first refusal
 * after an admission, not every one of a flood. Buckets that have refilled are forgotten, so the
 * table holds only addresses that handshook recently.
 */
final class HandshakeAdmission {
    private final RequestRate perAddress;
    private final Clock clock;
    private final AuditLog audit;
    private final TokenBucket global;
    /** Least recently used first (access order): refilled buckets are forgotten from the head. */
    private final LinkedHashMap<InetAddress, TokenBucket> addresses = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<InetAddress, Boolean> refusing = new HashMap<>();
    private boolean globalRefusing;

    HandshakeAdmission(RequestRate perAddress, RequestRate global, Clock clock, AuditLog audit) {
        this.perAddress = perAddress;
        this.clock = clock;
        this.audit = audit;
        this.global = new TokenBucket(global, clock.millis());
    }

    /**
     * Why a handshake was refused, whether this is the first refusal of a burst (the one
     * worth logging), and which bucket refused it.
     */
    record Refusal(String why, boolean firstOfBurst, RateBucket bucket) {
    }

    /** Takes the tokens for one handshake from {@code address}; the refusal when it is over a rate. */
    synchronized Optional<Refusal> tryAdmit(InetAddress address) {
        long now = clock.millis();
        forgetRefilled(now);
        TokenBucket bucket = addresses.computeIfAbsent(address, a -> new TokenBucket(perAddress, now));
        if (!bucket.tryTake(now)) {
            boolean first = refusing.put(address, Boolean.TRUE) == null;
            if (first) {
                audit.record("handshake_rate_exceeded", Map.of("remote", address.getHostAddress(), "scope", "address"));
            }
            return Optional.of(new Refusal("handshake rate of this address exceeded", first, RateBucket.HANDSHAKE_ADDRESS));
        }
        if (!global.tryTake(now)) {
            boolean first = !globalRefusing;
            if (first) {
                globalRefusing = true;
                audit.record("handshake_rate_exceeded", Map.of("remote", address.getHostAddress(), "scope", "server"));
            }
            return Optional.of(new Refusal("handshake rate of the server exceeded", first, RateBucket.HANDSHAKE_SERVER));
        }
        refusing.remove(address);
        globalRefusing = false;
        return Optional.empty();
    }

    /**
     * Forgets refilled buckets from the least recently used on, stopping at the first that is not
     * full: a few per handshake, never the whole table (before, past 4,096 addresses every handshake
     * swept them all, so a flood from many addresses cost work proportional to the table each).
     */
    private void forgetRefilled(long now) {
        Iterator<Map.Entry<InetAddress, TokenBucket>> oldest = addresses.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<InetAddress, TokenBucket> entry = oldest.next();
            if (!entry.getValue().isFull(now)) {
                return;
            }
            refusing.remove(entry.getKey());
            oldest.remove();
        }
    }

    /** The number of addresses tracked (for tests). */
    synchronized int tracked() {
        return addresses.size();
    }
}
