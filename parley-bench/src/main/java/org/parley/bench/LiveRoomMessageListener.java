package org.parley.bench;

/**
 * Receives the body of each live (not history) room message a {@link ParleyConnection} reads, after
 * {@link RoomMessageReader} checked the whole event, where the record layer opened it: no record, no copy.
 */
@FunctionalInterface
public interface LiveRoomMessageListener {

    /**
     * The body is {@code message[offset, offset + length)}; the array is the channel's, the record's
     * plaintext where it was opened, overwritten and wiped after the record, so read it during the
     * call only. {@code readNanos} is the {@link System#nanoTime()} of the socket read that brought
     * it, read once per read (see {@link ReadClock}). {@code serverMillis} is the message's
     * {@code timestamp_ms}: the server's wall clock when its room took it, ms since the epoch.
     */
    void received(byte[] message, int offset, int length, long readNanos, long serverMillis);
}
