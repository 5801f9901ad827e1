package org.parley.server.store;

import java.time.Duration;
import java.util.Objects;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.SendId;

/**
 * What a send made once (docs/PROTOCOL.md 14.5, "Sending once") leaves in the store, in the same
 * transaction as the message or envelopes it stored: the account (canonical name), its send id and
 * the digest a repeat must match (SHA-256 over the request with request id 0). The store adds the id
 * it answered and the time ({@link StoredSend}). Kept {@link #KEPT}, so that a repeat after a restart
 * of the server is still answered with the first's id instead of being stored again.
 */
public record SendMark(String account, SendId sendId, Bytes digest) {
    /** How long a send's row is kept after it was stored: as long as the server remembers a send id. */
    public static final Duration KEPT = Duration.ofMinutes(10);
    /** The length of a digest (SHA-256). */
    public static final int DIGEST_LENGTH = 32;

    public SendMark {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(sendId, "sendId");
        if (digest.length() != DIGEST_LENGTH) {
            throw new IllegalArgumentException("a send's digest is " + DIGEST_LENGTH + " bytes, not " + digest.length());
        }
    }
}
