package org.parley.crypto.aead;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.RecordOpener;

/**
 * Opens encrypt-then-MAC records: checks the HMAC first, in constant time, and only then
 * decrypts the ciphertext with AES-256-CTR straight into {@code out}.
 *
 * <p><b>Security.</b> Nothing is decrypted, and nothing is written to {@code out}, unless the
 * tag verifies. Every failure (input shorter than the tag, output too small, bad tag, any
 * exception from the provider) becomes the same {@link AuthenticationFailedException}.
 * {@link #close()} wipes both keys and the IV.
 */
final class AesCtrHmacOpener implements RecordOpener {
    private final EncryptThenMac etm;

    AesCtrHmacOpener(EncryptThenMac etm) {
        this.etm = etm;
    }

    @Override
    public int open(long sequence, ByteBuffer aad, ByteBuffer ciphertext, ByteBuffer out)
            throws AuthenticationFailedException {
        etm.checkOpen();
        int start = ciphertext.position();
        int ciphertextLength = ciphertext.remaining() - etm.tagLength();
        if (ciphertextLength < 0 || out.remaining() < ciphertextLength) {
            throw new AuthenticationFailedException();
        }
        int outStart = out.position();
        try {
            ByteBuffer body = ciphertext.duplicate().limit(start + ciphertextLength);
            etm.tag(sequence, aad, body.duplicate());
            if (!etm.matchesLastTag(ciphertext.duplicate().position(start + ciphertextLength))) {
                throw new AuthenticationFailedException();
            }
            int written = etm.cipherFor(Cipher.DECRYPT_MODE, sequence).doFinal(body, out);
            ciphertext.position(ciphertext.limit());
            return written;
        } catch (GeneralSecurityException | RuntimeException e) {
            // One exception type and message for every cause, so failures are no oracle.
            out.position(outStart);
            throw new AuthenticationFailedException();
        }
    }

    @Override
    public void close() {
        etm.close();
    }
}
