package org.parley.client;

/**
 * How many times each direction of a connection has ratcheted its record keys since the handshake.
 *
 * <p>{@code sent} counts the KeyUpdates this client sent (its own requests, answers to the
 * server's requests, and automatic updates when a key's record budget runs out); {@code received}
 * counts the server's. Every update derives the next traffic secret from the current one and wipes
 * the old key, so a key stolen later does not decrypt records sent before the update.
 */
public record KeyUpdates(int sent, int received) {
    /** No update yet in either direction. */
    public static final KeyUpdates NONE = new KeyUpdates(0, 0);

    public KeyUpdates {
        if (sent < 0 || received < 0) {
            throw new IllegalArgumentException("key update counts cannot be negative");
        }
    }
}
