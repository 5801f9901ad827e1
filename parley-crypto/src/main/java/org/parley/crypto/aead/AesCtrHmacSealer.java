package org.parley.crypto.aead;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import org.parley.crypto.RecordSealer;

/**
 * Seals records as AES-256-CTR then HMAC over the sequence number, AAD and ciphertext.
 *
 * <p>The ciphertext is written straight into {@code out} and the MAC then reads it back from
 * there, so the plaintext is never copied.
 *
 * <p><b>Security.</b> A sequence number that is not above the last one sealed is refused with
 * {@link IllegalStateException} before anything is sealed ({@link SealedSequence}): under CTR it
 * would repeat the keystream. {@link #close()} wipes both keys and the IV.
 */
final class AesCtrHmacSealer implements RecordSealer {
    private final EncryptThenMac etm;
    private final SealedSequence sealed = new SealedSequence();

    AesCtrHmacSealer(EncryptThenMac etm) {
        this.etm = etm;
    }

    @Override
    public int seal(long sequence, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer out) {
        etm.checkOpen();
        int tagLength = etm.tagLength();
        if (out.remaining() < plaintext.remaining() + tagLength) {
            throw new IllegalArgumentException("output buffer too small for the sealed record");
        }
        sealed.claim(sequence);
        int ciphertextStart = out.position();
        int ciphertextLength;
        try {
            ciphertextLength = etm.cipherFor(Cipher.ENCRYPT_MODE, sequence).doFinal(plaintext, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("record sealing failed", e);
        }
        ByteBuffer ciphertext = out.duplicate().limit(ciphertextStart + ciphertextLength).position(ciphertextStart);
        out.put(etm.tag(sequence, aad, ciphertext), 0, tagLength);
        return ciphertextLength + tagLength;
    }

    @Override
    public void close() {
        etm.close();
    }
}
