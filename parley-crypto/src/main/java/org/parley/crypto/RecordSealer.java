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
     * {@code plaintext.remaining() + overhead} bytes free and must not overlap the inputs.
     *
     * @param sequence the record's sequence number; must never repeat under this key
     * @return the number of bytes written
     */
    int seal(long sequence, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer out);

    /** Wipes the key. */
    @Override
    void close();
}
