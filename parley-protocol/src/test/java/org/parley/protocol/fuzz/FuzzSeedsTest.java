package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;

/**
 * Keeps the committed seed corpora honest: they must equal what {@link FuzzSeeds} builds now, and
 * they must drive the channels down the interesting paths (a completed handshake, messages, a key
 * update, close_notify) rather than failing at the first byte.
 */
class FuzzSeedsTest {

    @Test
    void committedSeedFilesEqualTheFreshlyBuiltSeeds() throws ParleyException, IOException {
        Map<String, byte[]> seeds = FuzzSeeds.all();
        Path regenerated = Path.of("target", "fuzz-seeds");
        for (var seed : seeds.entrySet()) {
            Path fresh = regenerated.resolve(seed.getKey());
            Files.createDirectories(fresh.getParent());
            Files.write(fresh, seed.getValue());
            assertThat(Arrays.equals(committed(seed.getKey()), seed.getValue()))
                    .as("seed %s is stale; copy %s over the committed file", seed.getKey(), fresh.toAbsolutePath())
                    .isTrue();
        }
    }

    @Test
    void clientSeedCompletesTheHandshakeAndSeesTheServersTraffic() throws ParleyException {
        byte[] seed = FuzzSeeds.all()
                .get("ClientChannelFuzzTestInputs/clientReceivingArbitraryBytesFailsOnlyWithParleyExceptions/server-flight");
        SecureChannel client = ChannelFixtures.client();

        var events = client.receive(ByteBuffer.wrap(seed));

        assertThat(client.state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(events).singleElement().isInstanceOf(ChannelEvent.HandshakeCompleted.class);
    }

    @Test
    void serverSeedAfterHelloCarriesMessagesKeyUpdateAndClose() throws ParleyException {
        byte[] seed = FuzzSeeds.all().get("ServerChannelFuzzTestInputs/"
                + "serverReceivingValidHelloThenArbitraryBytesFailsOnlyWithParleyExceptions/"
                + "client-finished-messages-key-update-close");
        SecureChannel server = ChannelFixtures.server();
        ChannelFixtures.exchange(server, ChannelFixtures.clientHelloFrame());

        var events = server.receive(ByteBuffer.wrap(seed));

        assertThat(events).hasExactlyElementsOfTypes(ChannelEvent.HandshakeCompleted.class,
                ChannelEvent.MessageReceived.class, ChannelEvent.PeerKeyUpdated.class,
                ChannelEvent.MessageReceived.class, ChannelEvent.PeerClosed.class);
        assertThat(server.state()).isEqualTo(SecureChannel.State.CLOSED);
    }

    private static byte[] committed(String relative) throws IOException {
        try (InputStream in = FuzzSeedsTest.class.getResourceAsStream(relative)) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }
}
