package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * The server's long-term public key, sent encrypted under handshake keys so a passive observer
 * cannot tell which server (key) a client talks to.
 *
 * <pre>
 *   struct ServerIdentity {
 *     u16    signature;                   // == ServerHello.signature
 *     opaque public_key&lt;1..2^16-1&gt;;
 *   }
 * </pre>
 */
public record ServerIdentity(SignatureComponent algorithm, Bytes publicKey) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_IDENTITY;
    }

    @Override
    public void writeBody(WireWriter out) {
        out.u16(algorithm.code()).vector16(publicKey);
    }

    static ServerIdentity read(WireReader in) throws WireFormatException {
        var algorithm = CodeLists.readOne(in, "signature", SignatureComponent::fromCode);
        return new ServerIdentity(algorithm, in.vector16("public key", 1, 0xffff));
    }
}
