package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Encodes and decodes whole handshake messages (4-byte header plus body). A record or frame
 * carries exactly one handshake message.
 */
public final class HandshakeCodec {
    private HandshakeCodec() {
    }

    public static Bytes encode(HandshakeMessage message) {
        WireWriter body = new WireWriter(256);
        message.writeBody(body);
        if (body.size() > HandshakeMessage.MAX_LENGTH) {
            throw new IllegalStateException(message.type() + " body too long: " + body.size());
        }
        return new WireWriter(body.size() + 4).u8(message.type().code()).u24(body.size()).fixed(body.toBytes()).toBytes();
    }

    /** Decodes exactly one message; trailing bytes, truncation and over-long bodies are errors. */
    public static HandshakeMessage decode(Bytes encoded) throws WireFormatException {
        WireReader in = WireReader.of(encoded);
        int typeCode = in.u8();
        HandshakeType type = HandshakeType.fromCode(typeCode)
                .orElseThrow(() -> new WireFormatException(Alert.UNEXPECTED_MESSAGE, "unknown handshake type " + typeCode));
        int length = in.u24();
        if (length > HandshakeMessage.MAX_LENGTH) {
            throw WireFormatException.tooLong("handshake message", length, HandshakeMessage.MAX_LENGTH);
        }
        if (length != in.remaining()) {
            throw new WireFormatException("handshake length " + length + " does not match " + in.remaining() + " bytes");
        }
        HandshakeMessage message = switch (type) {
            case CLIENT_HELLO -> ClientHello.read(in);
            case SERVER_HELLO -> ServerHello.read(in);
            case SERVER_IDENTITY -> ServerIdentity.read(in);
            case SERVER_SIGNATURE -> ServerSignature.read(in);
            case FINISHED -> Finished.read(in);
        };
        in.expectEnd();
        return message;
    }
}
