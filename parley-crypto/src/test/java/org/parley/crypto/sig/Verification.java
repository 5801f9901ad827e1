package org.parley.crypto.sig;

import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SignatureScheme;

/** Maps a verification to accepted / rejected for vector tallies. */
final class Verification {

    private Verification() {
    }

    /**
     * True only if {@code scheme} accepts the signature. A malformed public key (the scheme
     * threw {@link InvalidKeyMaterialException}) counts as rejected; any other exception escapes
     * and fails the test, since attacker input must never raise a RuntimeException.
     */
    static boolean accepts(SignatureScheme scheme, Bytes publicKey, Bytes message, Bytes signature) {
        try {
            return scheme.verify(publicKey, message, signature);
        } catch (InvalidKeyMaterialException malformedKey) {
            return false;
        }
    }
}
