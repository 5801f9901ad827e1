package org.parley.e2ee.envelope;

import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.prekey.PrekeyKind;

/**
 * What a prekey (session-start) envelope tells the recipient so it can derive the session while
 * the initiator may be offline: the suite, the initiator's identity, its ephemeral base key and
 * which of the recipient's prekeys were used.
 *
 * @param suite the session's suite
 * @param initiatorIdentity the initiator's device identity blob (64..256 bytes)
 * @param baseKey the initiator's ephemeral X25519 public key EK
 * @param signedPrekeyId the recipient's signed prekey used
 * @param oneTimePrekeyId the recipient's one-time X25519 prekey used, absent when none was available
 * @param kem the ML-KEM-768 prekey used and the ciphertext to it; absent in the classic suite
 */
public record StartFields(E2eSuite suite, Bytes initiatorIdentity, Bytes baseKey, long signedPrekeyId,
        Optional<Long> oneTimePrekeyId, Optional<KemStart> kem) {

    /**
     * @param kind {@link PrekeyKind#ONE_TIME_MLKEM768} or {@link PrekeyKind#LAST_RESORT_MLKEM768}
     * @param ciphertext the 1,088-byte ML-KEM-768 ciphertext
     */
    public record KemStart(PrekeyKind kind, long keyId, Bytes ciphertext) {
    }
}
