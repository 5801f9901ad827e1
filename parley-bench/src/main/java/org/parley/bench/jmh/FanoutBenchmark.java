package org.parley.bench.jmh;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.crypto.Bytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;

/**
 * One room message fanned out to N members in memory, at the protocol level: the event encoded once,
 * then sealed into a record for each of N established server channels and drained as frames. No
 * sockets, no Netty: the floor of the server's per-delivery cost (operations/s × N = deliveries/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanoutBenchmark {
    @Param({"10", "100", "1000"})
    public int members;

    private final List<SecureChannel> servers = new ArrayList<>();
    /** One member's outbound buffer, as the server's pooled (heap) buffer of one flush. */
    private final ByteBuffer outbound = ByteBuffer.allocate(64 * 1024);
    private ChatEvent.RoomMessage event;

    @Setup
    public void setUp() throws ParleyException {
        SecureRandom random = new SecureRandom();
        ServerCredentials credentials = new ServerCredentials(Map.of(SignatureComponent.ED25519,
                SignatureAlgorithm.ED25519.create().generate(random)));
        for (int i = 0; i < members; i++) {
            SecureChannel client = SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), (a, k) -> { },
                    random, RecordLimits.defaults()));
            SecureChannel server = SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(), credentials,
                    random, RecordLimits.defaults()));
            for (int round = 0; round < 10 && server.state() != SecureChannel.State.ESTABLISHED; round++) {
                for (Bytes frame : client.drainOutbound()) {
                    server.receive(frame.asReadOnlyBuffer());
                }
                for (Bytes frame : server.drainOutbound()) {
                    client.receive(frame.asReadOnlyBuffer());
                }
            }
            client.drainOutbound();
            if (server.state() != SecureChannel.State.ESTABLISHED) {
                throw new IllegalStateException("in-memory handshake did not complete");
            }
            servers.add(server);
        }
        byte[] body = new byte[100];
        Arrays.fill(body, (byte) 'x');
        event = new ChatEvent.RoomMessage("lobby", new StoredMessage(1, 1_700_000_000_000L, "alice",
                ContentType.TEXT, Bytes.wrapOwned(body)), false);
    }

    @Benchmark
    public int fanOutOneMessage() {
        Bytes encoded = ChatCodec.encode(event);
        int bytes = 0;
        for (SecureChannel server : servers) {
            server.send(encoded);
            for (Bytes frame : server.drainOutbound()) {
                bytes += frame.length();
            }
        }
        return bytes;
    }

    /**
     * The server's path since the seal-into-buffer change: each member's record sealed straight
     * into its outbound buffer ({@code SecureChannel.send(Bytes, ByteBuffer)}), no frame array.
     */
    @Benchmark
    public int fanOutOneMessageIntoBuffers() {
        Bytes encoded = ChatCodec.encode(event);
        int bytes = 0;
        for (SecureChannel server : servers) {
            outbound.clear();
            server.send(encoded, outbound);
            bytes += outbound.position();
        }
        return bytes;
    }
}
