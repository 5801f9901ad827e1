package org.parley.crypto.aead;

import javax.crypto.Cipher;
import org.parley.crypto.RecordCipher;
import org.parley.crypto.RecordCipherAlgorithm;
import org.parley.crypto.RecordOpener;
import org.parley.crypto.RecordSealer;
import org.parley.crypto.SecretBytes;

/**
 * AES-128-GCM, AES-256-GCM and ChaCha20-Poly1305 records from the JDK's providers (the fastest
 * AEADs measured here), with a 12-byte static IV and a 16-byte tag.
 *
 * <p><b>Security.</b> The per-record nonce is derived inside the sealer and opener from the
 * static IV and the sequence number ({@link RecordNonce}); callers cannot pass one, so they cannot
 * reuse one except by reusing a sequence number.
 */
public final class JcaAeadRecordCipher implements RecordCipher {
    private final RecordCipherAlgorithm algorithm;
    private final JcaAeadMode mode;
    private final int keyLength;
    /** The one JDK cipher of every sealer and opener, or null: a new one each ({@link #confinedToOneThread()}). */
    private final Cipher confined;

    /**
     * Creates the cipher for one of the three AEAD algorithms.
     *
     * @throws IllegalArgumentException for an encrypt-then-MAC algorithm
     */
    public JcaAeadRecordCipher(RecordCipherAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.mode = switch (algorithm) {
            case AES_128_GCM, AES_256_GCM -> JcaAeadMode.AES_GCM;
            case CHACHA20_POLY1305 -> JcaAeadMode.CHACHA20_POLY1305;
            case AES_256_CTR_HMAC_SHA256, AES_256_CTR_HMAC_SHA512, AES_256_CTR_HMAC_SHA3_256 ->
                    throw new IllegalArgumentException(algorithm + " is not an AEAD");
        };
        this.keyLength = algorithm == RecordCipherAlgorithm.AES_128_GCM ? 16 : 32;
        // Fail at construction, not on the first record, if the runtime lacks the transformation.
        mode.newCipher();
        this.confined = null;
    }

    private JcaAeadRecordCipher(JcaAeadRecordCipher shared) {
        this.algorithm = shared.algorithm;
        this.mode = shared.mode;
        this.keyLength = shared.keyLength;
        this.confined = mode.newCipher();
    }

    /**
     * Sealers and openers that share one JDK {@code Cipher}. Each of them initialises the cipher with its
     * own key and the record's nonce before every record, so sharing only changes which object holds the
     * key schedule between records. A sealer's refusal of a sequence number that is not above its
     * last one is its own ({@link SealedSequence}), so it holds whatever else uses the cipher in
     * between (the JDK's ChaCha20-Poly1305 compares only with the previous initialisation, which an
     * open replaces).
     */
    @Override
    public RecordCipher confinedToOneThread() {
        return new JcaAeadRecordCipher(this);
    }

    @Override
    public RecordCipherAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int keyLength() {
        return keyLength;
    }

    @Override
    public int ivLength() {
        return RecordNonce.IV_LENGTH;
    }

    @Override
    public int overhead() {
        return JcaAeadMode.TAG_LENGTH;
    }

    @Override
    public RecordSealer sealer(SecretBytes key, SecretBytes iv) {
        return new JcaAeadSealer(mode, wrapKey(key), new RecordNonce(iv, RecordNonce.IV_LENGTH), cipher());
    }

    @Override
    public RecordOpener opener(SecretBytes key, SecretBytes iv) {
        return new JcaAeadOpener(mode, wrapKey(key), new RecordNonce(iv, RecordNonce.IV_LENGTH), cipher());
    }

    private Cipher cipher() {
        return confined != null ? confined : mode.newCipher();
    }

    private WipeableKey wrapKey(SecretBytes key) {
        if (key.length() != keyLength) {
            throw new IllegalArgumentException(algorithm + " key must be " + keyLength + " bytes, got " + key.length());
        }
        return new WipeableKey(mode.keyAlgorithm(), key.revealCopy());
    }
}
