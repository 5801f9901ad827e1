package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.suite.CipherComponent;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.HashComponent;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * The server's choice of suite and its key-exchange response; the last plaintext message.
 *
 * <pre>
 *   struct ServerHello {
 *     u16    version = 1;
 *     opaque random[32];
 *     u16    key_exchange;
 *     u16    signature;
 *     u16    cipher;
 *     u16    hash;
 *     opaque key_exchange_response&lt;1..2^16-1&gt;;
 *   }
 * </pre>
 */
public record ServerHello(Bytes random, CipherSuite suite, Bytes keyExchangeResponse) implements HandshakeMessage {

    public ServerHello {
        if (random.length() != ClientHello.RANDOM_LENGTH) {
            throw new IllegalArgumentException("random must be 32 bytes");
        }
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void writeBody(WireWriter out) {
        out.u16(ClientHello.VERSION).fixed(random)
                .u16(suite.keyExchange().code())
                .u16(suite.signature().code())
                .u16(suite.cipher().code())
                .u16(suite.hash().code())
                .vector16(keyExchangeResponse);
    }

    static ServerHello read(WireReader in) throws WireFormatException {
        int version = in.u16();
        if (version != ClientHello.VERSION) {
            throw new WireFormatException(Alert.PROTOCOL_VERSION, "unsupported version " + version);
        }
        Bytes random = in.fixed(ClientHello.RANDOM_LENGTH, "random");
        CipherSuite suite = new CipherSuite(
                CodeLists.readOne(in, "key exchange", KeyExchangeComponent::fromCode),
                CodeLists.readOne(in, "signature", SignatureComponent::fromCode),
                CodeLists.readOne(in, "cipher", CipherComponent::fromCode),
                CodeLists.readOne(in, "hash", HashComponent::fromCode));
        return new ServerHello(random, suite, in.vector16("key exchange response", 1, 0xffff));
    }
}
