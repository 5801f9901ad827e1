package org.parley.e2ee.prekey;

import java.util.Optional;
import org.parley.crypto.AgreementKeyPair;
import org.parley.crypto.KemKeyPair;

/**
 * Where a device keeps the private halves of its prekeys. The session-start code only looks keys
 * up and, after a session start has authenticated, removes the one-time keys it used. The client
 * persists the store (e.g. {@link MemoryPrekeyStore#encode()} into an owner-only file) after every
 * change.
 */
public interface PrekeyStore {

    Optional<AgreementKeyPair> signedPrekey(long keyId);

    Optional<AgreementKeyPair> oneTimePrekey(long keyId);

    /** A one-time or last-resort ML-KEM-768 prekey. */
    Optional<KemKeyPair> kemPrekey(PrekeyKind kind, long keyId);

    /** Deletes a used one-time prekey ({@link PrekeyKind#ONE_TIME_X25519} or {@link PrekeyKind#ONE_TIME_MLKEM768}). */
    void removeOneTime(PrekeyKind kind, long keyId);
}
