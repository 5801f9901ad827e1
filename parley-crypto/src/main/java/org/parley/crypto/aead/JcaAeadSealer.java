package org.parley.crypto.aead;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import org.parley.crypto.RecordSealer;

/**
 * Seals records with one JDK AEAD {@link Cipher}, re-keyed per record with the derived nonce.
 *
 * <p>The {@code Cipher}, key object and nonce array are reused across records; the only
 * per-record allocation is the parameter spec the JCA requires. A sequence number that is not
 * above the last one sealed is refused with {@link IllegalStateException} before anything is
 * sealed ({@link SealedSequence}), so a record layer that ever repeated one fails loudly instead of
 * reusing a nonce; the JDK's own refusal to encrypt twice under one key and nonce covers only the
 * previous initialisation (ChaCha20-Poly1305, which an open on a shared cipher replaces) or the
 * previous encryption (AES-GCM).
 *
 * <p><b>Security.</b> {@link #close()} wipes the key and IV copies and drops the cipher.
 */
final class JcaAeadSealer implements RecordSealer {
    private final JcaAeadMode mode;
    private final WipeableKey key;
    private final RecordNonce nonce;
    private final SealedSequence sealed = new SealedSequence();
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
        sealed.claim(sequence);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, mode.parameters(nonce.forSequence(sequence)));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext, out);
        } catch (GeneralSecurityException e) {
            // Reached only by a broken provider (repeated sequence numbers are refused above).
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
