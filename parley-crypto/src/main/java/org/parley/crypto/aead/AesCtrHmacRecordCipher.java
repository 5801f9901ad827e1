package org.parley.crypto.aead;

import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * AES-256-CTR with HMAC-SHA-256, HMAC-SHA-512 or HMAC-SHA3-256 in encrypt-then-MAC order, for
 * suites that want a MAC other than GHASH or Poly1305.
 *
 * <pre>
 *   key          = aesKey (32) || macKey (32 for SHA-256 and SHA3-256, 64 for SHA-512)
 *   counterBlock = nonce (12) || 0x00000000              nonce as in {@link RecordNonce}
 *   ciphertext   = AES-256-CTR(aesKey, counterBlock, plaintext)
 *   tag          = HMAC(macKey, uint64(sequence) || uint32(aad length) || aad || ciphertext)
 *   record       = ciphertext || tag                       tag at the full HMAC length
 * </pre>
 *
 * <p><b>Security.</b> The MAC covers the sequence number, the AAD with its length (so AAD and
 * ciphertext cannot trade bytes) and the ciphertext. The opener checks the tag in constant time
 * before decrypting anything. A record holds at most 2^32 blocks before the 32-bit counter
 * would wrap, far above any record size.
 */
public final class AesCtrHmacRecordCipher implements RecordCipher {
    static final int AES_KEY_LENGTH = 32;

    private final RecordCipherAlgorithm algorithm;
    private final HashAlgorithm mac;

    /**
     * Creates the cipher for one of the three encrypt-then-MAC algorithms.
     *
     * @throws IllegalArgumentException for an AEAD algorithm
     */
    public AesCtrHmacRecordCipher(RecordCipherAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.mac = switch (algorithm) {
            case AES_256_CTR_HMAC_SHA256 -> HashAlgorithm.SHA256;
            case AES_256_CTR_HMAC_SHA512 -> HashAlgorithm.SHA512;
            case AES_256_CTR_HMAC_SHA3_256 -> HashAlgorithm.SHA3_256;
            case AES_128_GCM, AES_256_GCM, CHACHA20_POLY1305 ->
                    throw new IllegalArgumentException(algorithm + " is not encrypt-then-MAC");
        };
        // Fail at construction, not on the first record, if the runtime lacks either primitive.
        EncryptThenMac.newCipher();
        EncryptThenMac.newMac(mac);
    }

    @Override
    public RecordCipherAlgorithm algorithm() {
        return algorithm;
    }

    /** The AES-256 key followed by an HMAC key as long as the hash output. */
    @Override
    public int keyLength() {
        return AES_KEY_LENGTH + mac.length();
    }

    @Override
    public int ivLength() {
        return RecordNonce.IV_LENGTH;
    }

    /** The full, untruncated HMAC. */
    @Override
    public int overhead() {
        return mac.length();
    }

    @Override
    public RecordSealer sealer(SecretBytes key, SecretBytes iv) {
        return new AesCtrHmacSealer(new EncryptThenMac(mac, checkedKey(key), iv));
    }

    @Override
    public RecordOpener opener(SecretBytes key, SecretBytes iv) {
        return new AesCtrHmacOpener(new EncryptThenMac(mac, checkedKey(key), iv));
    }

    private SecretBytes checkedKey(SecretBytes key) {
        if (key.length() != keyLength()) {
            throw new IllegalArgumentException(algorithm + " key must be " + keyLength() + " bytes, got " + key.length());
        }
        return key;
    }
}
