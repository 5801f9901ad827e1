package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * A MAC over the transcript under the sender's finished key; sent by both sides.
 *
 * <pre>
 *   struct Finished {
 *     opaque verify_data[Hash.length];    // 32..64 bytes
 *   }
 *   verify_data = HMAC(ExpandLabel(handshake_traffic_secret, "finished", "", Hash.length),
 *                      TranscriptHash(.. previous message))
 * </pre>
 */
public record Finished(Bytes verifyData) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void writeBody(WireWriter out) {
        out.fixed(verifyData);
    }

    static Finished read(WireReader in) throws WireFormatException {
        int length = in.remaining();
        if (length < 32 || length > 64) {
            throw new WireFormatException("Finished length " + length + " out of range");
        }
        return new Finished(in.fixed(length, "verify data"));
    }
}
