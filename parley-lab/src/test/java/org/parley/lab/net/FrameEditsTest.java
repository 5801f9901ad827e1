package org.parley.lab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ClientHello;
import org.parley.protocol.handshake.HandshakeCodec;
import org.parley.protocol.suite.CipherComponent;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.Preset;

/** The attacker's edits produce ClientHellos that Parley's own decoder still parses, changed only as intended. */
class FrameEditsTest {
    private static Bytes realClientHello() {
        return SecureChannel.client(ClientConfig.of(Preset.MODERN, (algorithm, key) -> {
        })).drainOutbound().getFirst();
    }

    private static ClientHello decode(Bytes frame) throws Exception {
        return (ClientHello) HandshakeCodec.decode(frame.slice(3, frame.length()));
    }

    @Test
    void theOfferedKeyExchangesAreReadInWireOrder() {
        assertThat(FrameEdits.offeredKeyExchanges(realClientHello())).containsExactly(
                KeyExchangeComponent.X25519_MLKEM768.code(), KeyExchangeComponent.X25519.code(), KeyExchangeComponent.X448.code());
    }

    @Test
    void strippingAKeyExchangeRemovesItsCodeAndShareAndKeepsTheMessageWellFormed() throws Exception {
        Bytes original = realClientHello();
        Bytes stripped = FrameEdits.withoutKeyExchange(original, KeyExchangeComponent.X25519_MLKEM768.code());
        assertThat(FrameEdits.u16(stripped, 1)).isEqualTo(stripped.length() - 3);
        ClientHello before = decode(original);
        ClientHello after = decode(stripped);
        assertThat(after.offer().keyExchanges()).containsExactly(KeyExchangeComponent.X25519, KeyExchangeComponent.X448);
        assertThat(after.keyShares()).hasSize(2);
        assertThat(after.random()).isEqualTo(before.random());
        assertThat(after.offer().ciphers()).isEqualTo(before.offer().ciphers());
        assertThat(stripped.length()).isLessThan(original.length() - 1000); // the ML-KEM share is gone
    }

    @Test
    void theCipherListOffsetPointsAtTheFirstOfferedCipher() {
        Bytes hello = realClientHello();
        int at = FrameEdits.clientHelloCipherList(hello);
        assertThat(hello.get(at) & 0xff).isEqualTo(Preset.MODERN.preferences().ciphers().size());
        assertThat(FrameEdits.u16(hello, at + 1)).isEqualTo(CipherComponent.AES_256_GCM.code());
    }

    @Test
    void aBitFlipChangesExactlyOneBit() {
        Bytes frame = Bytes.fromHex("17000400000000");
        Bytes flipped = FrameEdits.flipBit(frame, 5, 3);
        assertThat(flipped.toHex()).isEqualTo("17000400000800");
        assertThat(List.of(frame.toHex())).containsExactly("17000400000000");
    }
}
