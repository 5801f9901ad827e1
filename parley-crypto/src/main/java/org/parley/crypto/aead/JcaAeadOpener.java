package org.parley.crypto.aead;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.RecordOpener;

/**
 * Opens records with one JDK AEAD {@link Cipher}, re-keyed per record with the derived nonce.
 *
 * <p>Where the JDK would write unverified plaintext into the output (AES-GCM, see
 * {@link JcaAeadMode#writesBeforeVerifying()}), the record is decrypted into a scratch array of
 * its own and copied out only after the tag verified: one extra memory copy per record, so that
 * the caller's buffer is untouched on failure. The scratch array is wiped and dropped after each
 * record: an opener kept for a long idle connection holds neither a buffer sized by an earlier
 * record nor that record's plaintext.
 *
 * <p><b>Security.</b> Every failure (input shorter than the tag, output too small, bad tag, any
 * exception from the provider) becomes the same {@link AuthenticationFailedException}, and
 * {@code out} keeps its position and contents. {@link #close()} wipes the key and the IV and
 * drops the cipher.
 */
final class JcaAeadOpener implements RecordOpener {
    private final JcaAeadMode mode;
    private final WipeableKey key;
    private final RecordNonce nonce;
    private Cipher cipher;

    /** @param cipher this one's own, or one shared with others used by the same thread */
    JcaAeadOpener(JcaAeadMode mode, WipeableKey key, RecordNonce nonce, Cipher cipher) {
        this.mode = mode;
        this.key = key;
        this.nonce = nonce;
        this.cipher = cipher;
    }

    @Override
    public int open(long sequence, ByteBuffer aad, ByteBuffer ciphertext, ByteBuffer out)
            throws AuthenticationFailedException {
        if (cipher == null) {
            throw new IllegalStateException("opener is closed");
        }
        int plaintextLength = ciphertext.remaining() - JcaAeadMode.TAG_LENGTH;
        if (plaintextLength < 0 || out.remaining() < plaintextLength) {
            throw new AuthenticationFailedException();
        }
        int outStart = out.position();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, mode.parameters(nonce.forSequence(sequence)));
            cipher.updateAAD(aad);
            if (!mode.writesBeforeVerifying()) {
                return cipher.doFinal(ciphertext, out);
            }
            byte[] scratch = new byte[plaintextLength];
            try {
                int written = cipher.doFinal(ciphertext, ByteBuffer.wrap(scratch));
                out.put(scratch, 0, written);
                return written;
            } finally {
                Arrays.fill(scratch, (byte) 0);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // One exception type and message for every cause, so failures are no oracle.
            out.position(outStart);
            throw new AuthenticationFailedException();
        }
    }

    @Override
    public void close() {
        key.destroy();
        nonce.wipe();
        cipher = null;
    }
}
