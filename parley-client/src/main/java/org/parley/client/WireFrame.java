package org.parley.client;

import org.parley.crypto.Bytes;

/**
 * One frame of this connection as a network attacker sees it: the direction, the 3-byte header's type
 * and length, and the first bytes of the payload (for an encrypted record, ciphertext). For the
 * desktop's "What an attacker on the network sees"; it holds nothing an attacker would not see.
 *
 * @param sent true for frames this client sent, false for frames it received
 * @param type the frame type: 0x15 alert, 0x16 handshake, 0x17 encrypted
 * @param length the payload length from the header
 * @param head the first {@value WireTap#HEAD} bytes of the payload (fewer if the payload is shorter)
 */
public record WireFrame(boolean sent, int type, int length, Bytes head) {
}
