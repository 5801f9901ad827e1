package org.parley.e2ee.group;

import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.Bytes;
import org.parley.e2ee.session.SymmetricChain;

/**
 * The sender chain's key derivation (docs/E2EE.md, "Sender chains"): the same symmetric step as the
 * double ratchet's KDF_CK, and AES-256-GCM under a key and nonce expanded from the message key
 * with the room label ({@link SymmetricChain}).
 */
final class RoomKdf {
    static final Bytes MESSAGE_LABEL = Bytes.utf8("parley-e2ee v1 room message");

    private final SymmetricChain chain = new SymmetricChain(MESSAGE_LABEL);

    /** {message key = HMAC(ck, 0x01), next chain key = HMAC(ck, 0x02)}. */
    byte[][] step(byte[] chainKey) {
        return chain.step(chainKey);
    }

    Bytes seal(byte[] messageKey, Bytes aad, Bytes plaintext) {
        return chain.seal(messageKey, aad, plaintext);
    }

    Bytes open(byte[] messageKey, Bytes aad, Bytes ciphertext) throws AuthenticationFailedException {
        return chain.open(messageKey, aad, ciphertext);
    }
}
