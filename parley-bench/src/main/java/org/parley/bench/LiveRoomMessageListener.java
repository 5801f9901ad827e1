package org.parley.bench;

/**
 * Receives the body of each live (not history) room message a {@link ParleyConnection} reads, after
 * {@link RoomMessageReader} checked the whole event, without a record or a copy of its own.
 */
@FunctionalInterface
public interface LiveRoomMessageListener {

    /**
     * The body is {@code message[offset, offset + length)}; the array is the connection's scratch
     * space, overwritten by the next message, so read it during the call only.
     */
    void received(byte[] message, int offset, int length);
}
