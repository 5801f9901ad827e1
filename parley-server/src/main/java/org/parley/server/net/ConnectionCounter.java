package org.parley.server.net;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts open connections per client address, shared by every connection of one server.
 *
 * <p><b>Security.</b> Bounds how many sockets, handshakes and sessions one address can hold.
 */
public final class ConnectionCounter {
    private final int maxPerAddress;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    public ConnectionCounter(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new connection; false (and not counted) if the address is at its limit. */
    public boolean tryOpen(InetAddress address) {
        boolean[] admitted = new boolean[1];
        open.compute(address, (a, count) -> {
            int current = count == null ? 0 : count;
            admitted[0] = current < maxPerAddress;
            return admitted[0] ? current + 1 : count;
        });
        return admitted[0];
    }

    /** Uncounts a connection admitted by {@link #tryOpen}. */
    public void closed(InetAddress address) {
        open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }
}
