package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;

/**
 * Fuzzes a server {@link SecureChannel} (Preset.COMPATIBLE, one Ed25519 key): arbitrary bytes
 * from a fresh connection, and arbitrary bytes after a valid ClientHello (so the fuzzer works on
 * the encrypted half of the handshake and, from the seed corpus, on an established channel).
 *
 * <p>Oracle: only ParleyException escapes, and after one the channel is FAILED for good.
 */
class ServerChannelFuzzTest {
    private static final byte[] CLIENT_HELLO = ChannelFixtures.clientHelloFrame();

    @FuzzTest(maxDuration = "10s")
    void serverReceivingArbitraryBytesFailsOnlyWithParleyExceptions(byte[] input) {
        SecureChannel server = ChannelFixtures.server();
        receive(server, input);
    }

    @FuzzTest(maxDuration = "10s")
    void serverReceivingValidHelloThenArbitraryBytesFailsOnlyWithParleyExceptions(byte[] input) {
        SecureChannel server = ChannelFixtures.server();
        assertThat(ParleyOnly.run(() -> server.receive(ByteBuffer.wrap(CLIENT_HELLO)))).isNull();
        server.drainOutbound();
        receive(server, input);
    }

    private static void receive(SecureChannel server, byte[] input) {
        ParleyException rejection = ParleyOnly.run(() -> server.receive(ByteBuffer.wrap(input)));
        if (rejection != null) {
            assertThat(server.state()).isEqualTo(SecureChannel.State.FAILED);
            assertThat(ParleyOnly.run(() -> server.receive(ByteBuffer.wrap(input)))).isNotNull();
        }
    }
}
