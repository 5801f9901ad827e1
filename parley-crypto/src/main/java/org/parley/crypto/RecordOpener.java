package org.parley.crypto;

import java.nio.ByteBuffer;

/**
 * Verifies and decrypts records under one traffic key.
 *
 * <p>Not thread-safe: one opener belongs to one direction of one connection.
 */
public interface RecordOpener extends AutoCloseable {

    /**
     * Opens the remaining bytes of {@code ciphertext} (ciphertext followed by the tag), checking
     * the remaining bytes of {@code aad}, and writes the plaintext into {@code out}.
     *
     * <p>Nothing is written to {@code out} unless the tag verifies.
     *
     * @return the number of plaintext bytes written
     * @throws AuthenticationFailedException for any failure: short input, bad tag, wrong
     *     sequence number; always the same exception with the same message
     */
    int open(long sequence, ByteBuffer aad, ByteBuffer ciphertext, ByteBuffer out)
            throws AuthenticationFailedException;

    /** Wipes the key. */
    @Override
    void close();
}
