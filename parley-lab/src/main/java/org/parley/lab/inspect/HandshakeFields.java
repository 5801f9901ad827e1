package org.parley.lab.inspect;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.lab.Phrase;
import org.parley.protocol.handshake.ClientHello;
import org.parley.protocol.handshake.Finished;
import org.parley.protocol.handshake.HandshakeMessage;
import org.parley.protocol.handshake.KeyShare;
import org.parley.protocol.handshake.ServerHello;
import org.parley.protocol.handshake.ServerIdentity;
import org.parley.protocol.handshake.ServerSignature;
import org.parley.protocol.suite.SuiteComponent;

/**
 * Lays a decoded handshake message out field by field with its byte offsets (PROTOCOL.md 5.1–5.7).
 * The message was decoded by Parley's strict decoder first, so every length here is the wire's.
 * {@code base} is the offset of the handshake header in what is shown: 3 in a plaintext frame (after
 * the frame header), 0 in a decrypted record's content.
 */
final class HandshakeFields {
    private final List<Detail> out = new ArrayList<>();
    private int at;

    private HandshakeFields(int base) {
        this.at = base;
    }

    static List<Detail> describe(HandshakeMessage message, int encodedLength, int base) {
        HandshakeFields f = new HandshakeFields(base);
        f.field(1, "msg_type", message.type() + " (" + message.type().code() + ")");
        f.field(3, "length", String.valueOf(encodedLength - 4), "@inspect.why.length");
        switch (message) {
            case ClientHello h -> {
                f.field(4, "magic", "\"PRLY\"");
                f.field(2, "version", "1");
                f.field(32, "random", hex(h.random(), 32), "@inspect.why.random");
                f.codes("key_exchanges", h.offer().keyExchanges());
                f.codes("signatures", h.offer().signatures());
                f.codes("ciphers", h.offer().ciphers());
                f.codes("hashes", h.offer().hashes());
                f.field(1, "share_count", String.valueOf(h.keyShares().size()));
                for (KeyShare share : h.keyShares()) {
                    f.field(2, "share.key_exchange", share.keyExchange().label());
                    f.field(2, "share.length", String.valueOf(share.share().length()));
                    f.field(share.share().length(), "share", hex(share.share(), 8), "@inspect.why.share");
                }
            }
            case ServerHello h -> {
                f.field(2, "version", "1");
                f.field(32, "random", hex(h.random(), 32));
                f.field(2, "key_exchange", h.suite().keyExchange().label());
                f.field(2, "signature", h.suite().signature().label());
                f.field(2, "cipher", h.suite().cipher().label());
                f.field(2, "hash", h.suite().hash().label());
                f.field(2, "key_exchange_response.length", String.valueOf(h.keyExchangeResponse().length()));
                f.field(h.keyExchangeResponse().length(), "key_exchange_response", hex(h.keyExchangeResponse(), 8));
            }
            case ServerIdentity m -> {
                f.field(2, "signature", m.algorithm().label());
                f.field(2, "public_key.length", String.valueOf(m.publicKey().length()));
                f.field(m.publicKey().length(), "public_key", hex(m.publicKey(), 8), "@inspect.why.server-key");
            }
            case ServerSignature m -> {
                f.field(2, "signature.length", String.valueOf(m.signature().length()));
                f.field(m.signature().length(), "signature", hex(m.signature(), 8), "@inspect.why.signature");
            }
            case Finished m -> f.field(m.verifyData().length(), "verify_data", hex(m.verifyData(), 48));
        }
        return f.out;
    }

    private void codes(String name, List<? extends SuiteComponent> components) {
        field(1, name + ".count", String.valueOf(components.size()));
        field(2 * components.size(), name, String.join(", ", components.stream()
                .map(c -> c.label() + String.format(" (0x%04x)", c.code())).toList()));
    }

    private void field(int length, String name, String value) {
        out.add(Detail.field(Phrase.of("inspect.field", at, at + length - 1, name, value)));
        at += length;
    }

    /** A field whose value gets a short explanation, {@code why} being a phrase key ({@code @inspect.why.*}). */
    private void field(int length, String name, String value, String why) {
        out.add(Detail.field(Phrase.of("inspect.field.explained", at, at + length - 1, name, value, why)));
        at += length;
    }

    static String hex(Bytes bytes, int max) {
        String shown = HexFormat.of().formatHex(bytes.slice(0, Math.min(max, bytes.length())).toByteArray());
        return bytes.length() > max ? shown + "… (" + bytes.length() + " bytes)" : shown;
    }
}
