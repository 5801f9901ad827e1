package org.parley.protocol.chat;

import org.parley.crypto.Bytes;

/**
 * A message as the server stored it: server-assigned id (increasing), timestamp (ms since the
 * epoch, server clock), the authenticated sender, and the opaque body.
 */
public record StoredMessage(long id, long timestampMillis, String from, ContentType contentType, Bytes body) {
}
