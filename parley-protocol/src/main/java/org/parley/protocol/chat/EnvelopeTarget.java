package org.parley.protocol.chat;

import org.parley.crypto.Bytes;

/** One envelope of a send: the recipient device ({@code user}, {@code deviceId}) and its opaque blob. */
public record EnvelopeTarget(String user, long deviceId, Bytes envelope) {
}
