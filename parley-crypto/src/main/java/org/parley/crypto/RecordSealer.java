package org.parley.crypto;

import java.nio.ByteBuffer;

/**
 * Encrypts and authenticates records under one traffic key.
 *
 * <p>Not thread-safe: one sealer belongs to one direction of one connection.
 */
public interface RecordSealer extends AutoCloseable {

    /**
     * Seals the remaining bytes of {@code plaintext}, authenticating the remaining bytes of
     * {@code aad}, and writes ciphertext followed by the tag into {@code out}.
     *
     * <p>{@code plaintext} and {@code aad} are consumed; {@code out} must have at least
     * {@code plaintext.remaining() + overhead} bytes free and must not overlap the inputs, with one
     * exception: the plaintext may lie in {@code out}'s own memory starting exactly at {@code out}'s
     * position (sealing in place), and is then replaced byte for byte by the ciphertext, the tag
     * following it. Every implementation here seals through the JCA's {@code Cipher} ByteBuffer
     * methods, which the JCA specifies as copy-safe; the JDK's AES-GCM seals such a buffer in place
     * without an internal copy.
     *
     * @param sequence the record's sequence number; must be above the last one this sealer sealed
     *     (compared as unsigned 64-bit values), so that no nonce repeats under this key
     * @return the number of bytes written
     * @throws IllegalStateException if {@code sequence} is not above the last one sealed (checked
     *     before anything is sealed), or the sealer is closed
     */
    int seal(long sequence, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer out);

    /** Wipes the key. */
    @Override
    void close();
}
