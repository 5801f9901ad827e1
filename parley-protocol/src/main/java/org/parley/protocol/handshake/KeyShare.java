package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;
import org.parley.protocol.suite.KeyExchangeComponent;

/** A client's public share for one offered key exchange. */
public record KeyShare(KeyExchangeComponent keyExchange, Bytes share) {
}
