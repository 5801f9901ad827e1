package org.parley.server.store;

/**
 * A send made once as the store kept it: its {@link SendMark}, the id its first send was answered
 * with ({@code Accepted(request_id, answeredId)}: the message's id, or a send of envelopes' first
 * envelope id) and when it was stored (milliseconds since the epoch, the server's clock).
 */
public record StoredSend(SendMark mark, long answeredId, long storedAt) {
}
