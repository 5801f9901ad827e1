package org.parley.crypto;

import org.parley.crypto.kex.BcEcdhKeyExchange;
import org.parley.crypto.kex.BcMontgomeryKeyExchange;
import org.parley.crypto.kex.XWingX25519MlKem768KeyExchange;

/** The ephemeral key exchanges Parley implements. Wire codes and security labels live in the protocol module. */
public enum KeyExchangeAlgorithm {
    X25519,
    X448,
    ECDH_P256,
    ECDH_P384,
    /**
     * X25519 combined with ML-KEM-768 by the X-Wing combiner (both X25519 keys hashed into the
     * secret; the ML-KEM key and ciphertext are bound by ML-KEM itself and by the handshake transcript).
     */
    X25519_MLKEM768;

    /** Creates a stateless implementation of this algorithm. */
    public KeyExchange create() {
        return switch (this) {
            case X25519 -> BcMontgomeryKeyExchange.x25519();
            case X448 -> BcMontgomeryKeyExchange.x448();
            case ECDH_P256 -> BcEcdhKeyExchange.p256();
            case ECDH_P384 -> BcEcdhKeyExchange.p384();
            case X25519_MLKEM768 -> new XWingX25519MlKem768KeyExchange();
        };
    }
}
