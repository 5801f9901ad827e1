package org.parley.protocol.channel;

import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.record.BatchRecords;

/**
 * What {@link SecureChannel#receive(java.nio.ByteBuffer, ChannelReceiver)} hands on, in the order it
 * reads it: each whole application message as a range of an array the channel reuses, every other
 * event as itself. For a receiver that reads a message where it lies and keeps nothing of it (a load
 * generator counting deliveries); one that keeps messages uses {@link SecureChannel#receive(java.nio.ByteBuffer)}.
 */
public interface ChannelReceiver extends BatchRecords.EntryHandler {

    /**
     * One whole application message, {@code array[offset, offset + length)}, authenticated and in
     * order. The array is the channel's: overwritten and wiped after the call, so read it during the
     * call only (copy what must be kept). An exception thrown here fails the channel like any other
     * protocol error and leaves {@code receive} with it.
     */
    @Override
    void message(byte[] array, int offset, int length) throws ParleyException;

    /** Any other event ({@link ChannelEvent.HandshakeCompleted}, key updates, close), in order with the messages. */
    void event(ChannelEvent event) throws ParleyException;
}
