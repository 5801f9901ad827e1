package org.parley.e2ee.prekey;

import java.time.Instant;
import org.parley.crypto.SecretBytes;

/**
 * One private prekey as {@link MemoryPrekeyStore} keeps it: the X25519 private key or the ML-KEM
 * seed, with when it was made and, for a replaced signed or last-resort key, when it was retired.
 */
record StoredPrekey(PrekeyKind kind, long keyId, Instant createdAt, SecretBytes secret) {

    @Override
    public String toString() {
        return "StoredPrekey[" + kind + " " + keyId + "]";
    }
}
