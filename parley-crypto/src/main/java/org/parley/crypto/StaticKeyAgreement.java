package org.parley.crypto;

import java.security.SecureRandom;
import org.parley.crypto.kex.BcX25519KeyAgreement;

/**
 * Diffie-Hellman with key pairs that outlive one exchange (unlike {@link KeyExchange}, whose
 * shares are ephemeral by design). Used by the end-to-end layer for identity keys, prekeys and
 * ratchet keys, all of which are stored between runs.
 *
 * <p>Randomness comes only from the caller's {@link SecureRandom}, so tests can fix it.
 */
public interface StaticKeyAgreement {

    /** X25519 (RFC 7748) on BouncyCastle's lightweight implementation. */
    static StaticKeyAgreement x25519() {
        return new BcX25519KeyAgreement();
    }

    KeyExchangeAlgorithm algorithm();

    /** Length of public keys, private keys and shared secrets. */
    int keyLength();

    /** Makes a new key pair. */
    AgreementKeyPair generate(SecureRandom random);

    /**
     * Restores a key pair from {@link AgreementKeyPair#encodedPrivateKey()}.
     *
     * @throws InvalidKeyMaterialException if the encoding has the wrong length
     */
    AgreementKeyPair restore(SecretBytes encodedPrivateKey) throws InvalidKeyMaterialException;
}
