package org.parley.e2ee.group;

import java.time.Instant;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;

/**
 * One decoded membership-log entry (docs/E2EE.md, "Membership log"). Decoding checks the form
 * only; {@link VerifiedLog} checks the hash chain, the signature (by the key the log admits for
 * the actor) and the rules.
 *
 * @param seq position in the log, genesis = 0
 * @param previousHash SHA-256 of the previous entry's bytes (32 zero bytes at position 0)
 * @param at the actor's clock (informative only: rules never depend on it)
 * @param actor the acting device, which signed the entry
 * @param body what it does
 * @param signature Ed25519 by the actor's device signing key over the label and the signed part
 * @param encoded the whole entry as received and hashed
 */
public record LogEntry(long seq, Bytes previousHash, Instant at, DeviceRef actor, LogBody body, Bytes signature,
        Bytes encoded) {
    public static final int MAX_LENGTH = 1024;
    public static final Bytes GENESIS_PREVIOUS = Bytes.wrapOwned(new byte[32]);

    /** SHA-256 of the encoded entry: what the next entry commits to. */
    public Bytes hash() {
        return hashOf(encoded);
    }

    static Bytes hashOf(Bytes encoded) {
        return HashAlgorithm.SHA256.create().digest(encoded);
    }

    /** The bytes the signature covers: the label and every byte before the signature. */
    Bytes signedPart() {
        return Bytes.concat(LogEntryCodec.SIGNATURE_LABEL, encoded.slice(0, encoded.length() - 64));
    }
}
