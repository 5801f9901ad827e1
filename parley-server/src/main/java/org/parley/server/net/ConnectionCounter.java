package org.parley.server.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts open connections per client address and in total, shared by every connection of one
 * server.
 *
 * <p><b>Security.</b> Bounds how many sockets, handshakes and sessions one address, and everyone
 * together, can hold.
 */
public final class ConnectionCounter {
    private final int maxPerAddress;
    private final int maxTotal;
    private final Map<InetAddress, Integer> open = new HashMap<>();
    private int total;

    public ConnectionCounter(int maxPerAddress, int maxTotal) {
        this.maxPerAddress = maxPerAddress;
        this.maxTotal = maxTotal;
    }

    /** Counts a new connection; the reason (and not counted) if the server or the address is at its limit. */
    public synchronized Optional<String> tryOpen(InetAddress address) {
        if (total >= maxTotal) {
            return Optional.of("too many connections to this server");
        }
        int current = open.getOrDefault(address, 0);
        if (current >= maxPerAddress) {
            return Optional.of("too many connections from this address");
        }
        open.put(address, current + 1);
        total++;
        return Optional.empty();
    }

    /** Uncounts a connection admitted by {@link #tryOpen}. */
    public synchronized void closed(InetAddress address) {
        Integer count = open.get(address);
        if (count == null) {
            return;
        }
        if (count <= 1) {
            open.remove(address);
        } else {
            open.put(address, count - 1);
        }
        total--;
    }
}
