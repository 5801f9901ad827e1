package org.parley.e2ee.envelope;

import org.parley.crypto.Bytes;

/**
 * A header and the AES-256-GCM ciphertext (with its 16-byte tag) of one inner message.
 *
 * @param header the authenticated header
 * @param ciphertext 16..16,400 bytes
 */
public record RatchetMessage(MessageHeader header, Bytes ciphertext) {
    public static final int MIN_CIPHERTEXT = 16;
    public static final int MAX_CIPHERTEXT = InnerMessage.MAX_LENGTH + 16;
}
