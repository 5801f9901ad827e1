package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;

/**
 * Fuzzes a started client {@link SecureChannel} (Preset.COMPATIBLE) with arbitrary bytes as the
 * server's reply. The seed corpus holds the real server flight for the fixtures' deterministic
 * ClientHello, so mutations start from a ServerHello the client accepts.
 *
 * <p>Oracle: only ParleyException escapes, and after one the channel is FAILED for good.
 */
class ClientChannelFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void clientReceivingArbitraryBytesFailsOnlyWithParleyExceptions(byte[] input) {
        SecureChannel client = ChannelFixtures.client();
        client.drainOutbound();
        ParleyException rejection = ParleyOnly.run(() -> client.receive(ByteBuffer.wrap(input)));
        if (rejection != null) {
            assertThat(client.state()).isEqualTo(SecureChannel.State.FAILED);
            assertThat(ParleyOnly.run(() -> client.receive(ByteBuffer.wrap(input)))).isNotNull();
        }
    }
}
