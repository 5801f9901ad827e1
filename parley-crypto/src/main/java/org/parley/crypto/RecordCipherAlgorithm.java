package org.parley.crypto;

/**
 * The record-protection methods Parley implements: three AEADs, and AES-256-CTR with a separately
 * chosen HMAC in encrypt-then-MAC order.
 */
public enum RecordCipherAlgorithm {
    AES_128_GCM,
    AES_256_GCM,
    CHACHA20_POLY1305,
    AES_256_CTR_HMAC_SHA256,
    AES_256_CTR_HMAC_SHA512,
    AES_256_CTR_HMAC_SHA3_256;

    /** Creates a stateless implementation of this algorithm. */
    public RecordCipher create() {
        throw new UnsupportedOperationException(name() + " is not implemented yet");
    }
}
