package org.parley.protocol.handshake;

import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.suite.CipherComponent;
import org.parley.protocol.suite.HashComponent;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * The client's first flight: its full ordered offer for every component and one key share for
 * every offered key exchange, so the server never needs a retry round trip.
 *
 * <pre>
 *   struct ClientHello {
 *     opaque   magic[4] = "PRLY";
 *     u16      version = 1;
 *     opaque   random[32];
 *     CodeList key_exchanges;
 *     CodeList signatures;
 *     CodeList ciphers;
 *     CodeList hashes;
 *     u8       share_count;                 // == key_exchanges.count
 *     struct { u16 code; opaque share&lt;1..2^16-1&gt;; } shares[share_count];  // same order as key_exchanges
 *   }
 * </pre>
 *
 * docs/PROTOCOL.md, "ClientHello".
 */
public record ClientHello(Bytes random, SuitePreferences offer, List<KeyShare> keyShares) implements HandshakeMessage {

    public static final Bytes MAGIC = Bytes.utf8("PRLY");
    public static final int VERSION = 1;
    public static final int RANDOM_LENGTH = 32;

    public ClientHello {
        keyShares = List.copyOf(keyShares);
        if (random.length() != RANDOM_LENGTH) {
            throw new IllegalArgumentException("random must be 32 bytes");
        }
        List<KeyExchangeComponent> shareOrder = keyShares.stream().map(KeyShare::keyExchange).toList();
        if (!shareOrder.equals(offer.keyExchanges())) {
            throw new IllegalArgumentException("one key share per offered key exchange, in order");
        }
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    /** The share for {@code keyExchange}, which must have been offered. */
    public Bytes shareFor(KeyExchangeComponent keyExchange) {
        return keyShares.stream().filter(s -> s.keyExchange() == keyExchange).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not offered: " + keyExchange))
                .share();
    }

    @Override
    public void writeBody(WireWriter out) {
        out.fixed(MAGIC).u16(VERSION).fixed(random);
        CodeLists.write(out, offer.keyExchanges());
        CodeLists.write(out, offer.signatures());
        CodeLists.write(out, offer.ciphers());
        CodeLists.write(out, offer.hashes());
        out.u8(keyShares.size());
        for (KeyShare share : keyShares) {
            out.u16(share.keyExchange().code()).vector16(share.share());
        }
    }

    static ClientHello read(WireReader in) throws WireFormatException {
        if (!in.fixed(4, "magic").equals(MAGIC)) {
            throw new WireFormatException("not a Parley ClientHello");
        }
        int version = in.u16();
        if (version != VERSION) {
            throw new WireFormatException(Alert.PROTOCOL_VERSION, "unsupported version " + version);
        }
        Bytes random = in.fixed(RANDOM_LENGTH, "random");
        var kex = CodeLists.read(in, "key exchange", KeyExchangeComponent::fromCode);
        var sig = CodeLists.read(in, "signature", SignatureComponent::fromCode);
        var ciphers = CodeLists.read(in, "cipher", CipherComponent::fromCode);
        var hashes = CodeLists.read(in, "hash", HashComponent::fromCode);
        int shareCount = in.u8();
        if (shareCount != kex.size()) {
            throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "share count does not match offer");
        }
        List<KeyShare> shares = new ArrayList<>(shareCount);
        for (KeyExchangeComponent expected : kex) {
            var component = CodeLists.readOne(in, "key share", KeyExchangeComponent::fromCode);
            if (component != expected) {
                throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "key shares out of offer order");
            }
            shares.add(new KeyShare(component, in.vector16("key share", 1, 0xffff)));
        }
        return new ClientHello(random, new SuitePreferences(kex, sig, ciphers, hashes), shares);
    }
}
