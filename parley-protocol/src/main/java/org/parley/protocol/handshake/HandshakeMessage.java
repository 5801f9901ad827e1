package org.parley.protocol.handshake;

import org.parley.protocol.wire.WireWriter;

/**
 * A handshake message. New message types do not compile until every exhaustive switch handles them.
 *
 * <pre>
 *   struct Handshake {
 *     u8  msg_type;             // HandshakeType
 *     u24 length;               // &lt;= MAX_LENGTH
 *     opaque body[length];
 *   }
 * </pre>
 */
public sealed interface HandshakeMessage
        permits ClientHello, ServerHello, ServerIdentity, ServerSignature, Finished {

    /** Largest handshake body: every handshake message fits in one record. */
    int MAX_LENGTH = 16000;

    HandshakeType type();

    /** Writes the body (without the 4-byte header). */
    void writeBody(WireWriter out);
}
