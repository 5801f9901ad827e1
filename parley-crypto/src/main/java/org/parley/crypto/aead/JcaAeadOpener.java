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
 * {@link JcaAeadMode#writesBeforeVerifying()}), the record is decrypted into a scratch array and
 * copied out only after the tag verified: one extra memory copy per record, so that the caller's
 * buffer is untouched on failure. The used part of the scratch is wiped after every record, so no
 * plaintext stays in it; a scratch under {@value #KEEP_SCRATCH_FROM} bytes is then dropped (cheap to
 * allocate again, and an idle chat connection keeps no buffer sized by its login message), a larger
 * one kept for the next record (allocating and zeroing 16 KiB per record cost about 30 % of the
 * seal-and-open throughput of 16 KiB records in {@code RecordCipherBenchmark}).
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
    /** Scratch arrays at least this long are kept from one record to the next. */
    static final int KEEP_SCRATCH_FROM = 1024;
    private static final byte[] NO_SCRATCH = new byte[0];
    private Cipher cipher;
    private byte[] scratch = NO_SCRATCH;

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
            byte[] buffer = scratch.length >= plaintextLength ? scratch : new byte[plaintextLength];
            try {
                int written = cipher.doFinal(ciphertext, ByteBuffer.wrap(buffer, 0, plaintextLength));
                out.put(buffer, 0, written);
                return written;
            } finally {
                Arrays.fill(buffer, 0, plaintextLength, (byte) 0);
                scratch = buffer.length >= KEEP_SCRATCH_FROM ? buffer : NO_SCRATCH;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // One exception type and message for every cause, so failures are no oracle.
            out.position(outStart);
            throw new AuthenticationFailedException();
        }
    }

    /** The length of the scratch kept for the next record; for tests. */
    int keptScratchLength() {
        return scratch.length;
    }

    /** Whether the kept scratch holds only zeros; for tests. */
    boolean keptScratchIsWiped() {
        for (byte b : scratch) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        key.destroy();
        nonce.wipe();
        scratch = NO_SCRATCH;
        cipher = null;
    }
}
