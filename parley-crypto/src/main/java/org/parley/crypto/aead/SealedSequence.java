package org.parley.crypto.aead;

/**
 * The last sequence number a sealer used, so that it can refuse to seal under one that is not
 * above it: a repeated sequence number repeats the nonce (for AES-CTR, the whole keystream) under
 * the same key, and the JDK's own refusal is no substitute (ChaCha20-Poly1305 compares only with
 * the previous initialisation, which an open on a shared cipher replaces; AES-GCM only with the
 * previous encryption; AES-CTR not at all). Sequence numbers compare as unsigned 64-bit values.
 */
final class SealedSequence {
    private boolean used;
    private long last;

    /**
     * Claims {@code sequence} for one record, before anything is sealed under it.
     *
     * @throws IllegalStateException if it is not above the last one claimed
     */
    void claim(long sequence) {
        if (used && Long.compareUnsigned(sequence, last) <= 0) {
            throw new IllegalStateException("sequence number " + Long.toUnsignedString(sequence)
                    + " is not above the last one sealed (" + Long.toUnsignedString(last) + "): it would reuse a nonce");
        }
        used = true;
        last = sequence;
    }
}
