package org.parley.crypto;

/** The ephemeral key exchanges Parley implements. Wire codes and security labels live in the protocol module. */
public enum KeyExchangeAlgorithm {
    X25519,
    X448,
    ECDH_P256,
    ECDH_P384,
    /** X25519 combined with ML-KEM-768, both shares and the ciphertext bound into the secret (X-Wing style). */
    X25519_MLKEM768;

    /** Creates a stateless implementation of this algorithm. */
    public KeyExchange create() {
        throw new UnsupportedOperationException(name() + " is not implemented yet");
    }
}
