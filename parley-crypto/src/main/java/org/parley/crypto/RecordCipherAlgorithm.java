package org.parley.crypto;

import org.parley.crypto.aead.AesCtrHmacRecordCipher;
import org.parley.crypto.aead.JcaAeadRecordCipher;

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

    /** Creates a stateless implementation of this algorithm; it can make many sealers and openers. */
    public RecordCipher create() {
        return switch (this) {
            case AES_128_GCM, AES_256_GCM, CHACHA20_POLY1305 -> new JcaAeadRecordCipher(this);
            case AES_256_CTR_HMAC_SHA256, AES_256_CTR_HMAC_SHA512, AES_256_CTR_HMAC_SHA3_256 ->
                    new AesCtrHmacRecordCipher(this);
        };
    }
}
