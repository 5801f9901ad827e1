package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;

/**
 * One handshake message as a student would want to see it: its type, size, whether it travelled
 * encrypted, and the transcript hash after it.
 */
public record HandshakeStep(HandshakeType type, int size, boolean encrypted, Bytes transcriptHashAfter) {
}
