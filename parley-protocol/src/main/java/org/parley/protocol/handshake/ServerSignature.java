package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * The server's signature over the transcript, proving possession of the long-term key.
 *
 * <pre>
 *   struct ServerSignature {
 *     opaque signature&lt;1..2^16-1&gt;;
 *   }
 *   signed = 0x20 * 64 || "Parley v1 server signature" || 0x00 || TranscriptHash(.. ServerIdentity)
 * </pre>
 */
public record ServerSignature(Bytes signature) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_SIGNATURE;
    }

    @Override
    public void writeBody(WireWriter out) {
        out.vector16(signature);
    }

    static ServerSignature read(WireReader in) throws WireFormatException {
        return new ServerSignature(in.vector16("signature", 1, 0xffff));
    }
}
