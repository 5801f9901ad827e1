package org.parley.server.store;

import org.parley.crypto.Bytes;

/** One envelope to queue: for device {@code deviceId} of the account {@code account} (canonical name). */
public record NewEnvelope(String account, long deviceId, Bytes envelope) {
}
