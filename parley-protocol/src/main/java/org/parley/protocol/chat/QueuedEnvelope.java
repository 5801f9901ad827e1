package org.parley.protocol.chat;

import org.parley.crypto.Bytes;

/**
 * An envelope as delivered to its recipient device: the server's id (increasing, acknowledged by
 * the recipient), the authenticated sender and sending device, the server time, the opaque blob.
 */
public record QueuedEnvelope(long id, String fromUser, long fromDevice, long timestampMillis, Bytes envelope) {
}
