package org.parley.crypto.aead;

import java.util.Arrays;
import org.parley.crypto.SecretBytes;

/**
 * Derives the per-record nonce as in TLS 1.3 (RFC 8446 section 5.3): the 64-bit sequence number,
 * big-endian and right-aligned in 12 bytes, XORed into the static IV.
 *
 * <pre>
 *   nonce[0..12)  = staticIv[0..12) XOR (0x00000000 || uint64_be(sequence))
 *   nonce[12..n)  = 0x00...        (only for CTR: the 32-bit block counter starts at zero)
 * </pre>
 *
 * <p>The result is written into one reused array, so deriving a nonce allocates nothing.
 *
 * <p><b>Security.</b> Distinct sequence numbers give distinct nonces under one key, so a nonce
 * repeats only if the record layer repeats a sequence number. {@link #wipe()} clears the IV.
 */
final class RecordNonce {
    static final int IV_LENGTH = 12;

    private final byte[] staticIv;
    private final byte[] nonce;

    /**
     * Copies {@code iv}, which must be {@value #IV_LENGTH} bytes; {@code blockLength} is the size
     * of the array handed to the cipher (12 for an AEAD nonce, 16 for a CTR counter block).
     */
    RecordNonce(SecretBytes iv, int blockLength) {
        if (iv.length() != IV_LENGTH) {
            throw new IllegalArgumentException("IV must be " + IV_LENGTH + " bytes, got " + iv.length());
        }
        this.staticIv = iv.revealCopy();
        this.nonce = new byte[blockLength];
    }

    /** Returns the nonce for {@code sequence} in the shared array, valid until the next call. */
    byte[] forSequence(long sequence) {
        System.arraycopy(staticIv, 0, nonce, 0, IV_LENGTH);
        for (int i = 0; i < Long.BYTES; i++) {
            nonce[IV_LENGTH - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        return nonce;
    }

    void wipe() {
        Arrays.fill(staticIv, (byte) 0);
        Arrays.fill(nonce, (byte) 0);
    }
}
