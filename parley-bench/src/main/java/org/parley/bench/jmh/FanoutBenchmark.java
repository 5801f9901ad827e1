package org.parley.bench.jmh;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;

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
        servers.addAll(InMemoryRoom.establishedServers(members));
        event = InMemoryRoom.hundredByteMessage(1);
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
