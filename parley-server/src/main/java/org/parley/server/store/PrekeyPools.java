package org.parley.server.store;

/** How many one-time prekeys a device has left. */
public record PrekeyPools(int oneTimeX25519, int oneTimeKem) {
}
