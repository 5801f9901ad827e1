package org.parley.protocol.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;

/**
 * Builds the valid inputs committed as seed corpora under
 * {@code src/test/resources/org/parley/protocol/fuzz/<Class>Inputs/<method>/}, from the
 * deterministic {@link ChannelFixtures}: a real ClientHello, the real server flight answering it,
 * the client's Finished followed by an application message, a key update and close_notify.
 * (AuthCodec's fuzz target and seeds live with it in org.parley.protocol.auth.)
 *
 * <p>{@link FuzzSeedsTest} checks that the committed files equal these bytes, so a protocol
 * change that invalidates the seeds is noticed instead of silently shrinking coverage.
 */
final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /** Seed files by path relative to the fuzz package's resource directory. */
    static Map<String, byte[]> all() throws ParleyException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        SecureChannel client = ChannelFixtures.client();
        byte[] clientHello = ChannelFixtures.concat(client.drainOutbound());
        SecureChannel server = ChannelFixtures.server();
        byte[] serverFlight = ChannelFixtures.exchange(server, clientHello);
        byte[] clientFinished = ChannelFixtures.exchange(client, serverFlight);
        client.send(Bytes.utf8("hello, room"));
        client.requestKeyUpdate();
        client.send(Bytes.utf8("after the key update"));
        client.close();
        byte[] clientTraffic = concat(clientFinished, ChannelFixtures.concat(client.drainOutbound()));
        byte[] serverReply = ChannelFixtures.exchange(server, clientTraffic);

        String server1 = "ServerChannelFuzzTestInputs/serverReceivingArbitraryBytesFailsOnlyWithParleyExceptions/";
        String server2 = "ServerChannelFuzzTestInputs/serverReceivingValidHelloThenArbitraryBytesFailsOnlyWithParleyExceptions/";
        String client1 = "ClientChannelFuzzTestInputs/clientReceivingArbitraryBytesFailsOnlyWithParleyExceptions/";
        String codec = "HandshakeCodecFuzzTestInputs/decodeRejectsOnlyWithParleyExceptionsAndRoundTrips/";

        seeds.put(server1 + "client-hello", clientHello);
        seeds.put(server2 + "client-finished-messages-key-update-close", clientTraffic);
        seeds.put(client1 + "server-flight", serverFlight);
        seeds.put(client1 + "server-flight-then-traffic", concat(serverFlight, serverReply));
        // A plaintext frame's payload is exactly one handshake message.
        seeds.put(codec + "client-hello", Arrays.copyOfRange(clientHello, 3, clientHello.length));
        seeds.put(codec + "server-hello", firstFramePayload(serverFlight));
        return seeds;
    }

    private static byte[] firstFramePayload(byte[] frames) {
        int length = ((frames[1] & 0xff) << 8) | (frames[2] & 0xff);
        return Arrays.copyOfRange(frames, 3, 3 + length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
