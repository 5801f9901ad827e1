package org.parley.crypto.aead;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import org.parley.crypto.RecordSealer;

/**
 * Seals records with one JDK AEAD {@link Cipher}, re-keyed per record with the derived nonce.
 *
 * <p>The {@code Cipher}, key object and nonce array are reused across records; the only
 * per-record allocation is the parameter spec the JCA requires. The JDK refuses to re-key for
 * encryption with the key and nonce of the previous record; that never happens here because the
 * sequence number changes, and if the record layer ever repeated it back to back, sealing would
 * fail loudly ({@link IllegalStateException}) instead of reusing the keystream.
 *
 * <p><b>Security.</b> {@link #close()} wipes the key and IV copies and drops the cipher.
 */
final class JcaAeadSealer implements RecordSealer {
    private final JcaAeadMode mode;
    private final WipeableKey key;
    private final RecordNonce nonce;
    private Cipher cipher;

    /** @param cipher this one's own, or one shared with others used by the same thread */
    JcaAeadSealer(JcaAeadMode mode, WipeableKey key, RecordNonce nonce, Cipher cipher) {
        this.mode = mode;
        this.key = key;
        this.nonce = nonce;
        this.cipher = cipher;
    }

    @Override
    public int seal(long sequence, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer out) {
        if (cipher == null) {
            throw new IllegalStateException("sealer is closed");
        }
        if (out.remaining() < plaintext.remaining() + JcaAeadMode.TAG_LENGTH) {
            throw new IllegalArgumentException("output buffer too small for the sealed record");
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, mode.parameters(nonce.forSequence(sequence)));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext, out);
        } catch (GeneralSecurityException e) {
            // Reached only by a repeated sequence number or a broken provider: both are bugs.
            throw new IllegalStateException("record sealing failed", e);
        }
    }

    @Override
    public void close() {
        key.destroy();
        nonce.wipe();
        cipher = null;
    }
}
