package org.parley.bench.jmh;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
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

/**
 * One flush of {@code perFlush} room messages to each of 100 members, in memory, at the protocol
 * level: every message sealed in its own record ({@link #oneRecordPerMessage}) against the run of
 * them sealed as batch records ({@link #batchRecords}, docs/PROTOCOL.md 10.5.1), each member's
 * frames written into one reused outbound buffer as the server does. Deliveries per operation:
 * 100 × {@code perFlush}; the floor of the sealing cost per delivery, without sockets or threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BatchFanoutBenchmark {
    private static final int MEMBERS = 100;

    @Param({"2", "8", "32"})
    public int perFlush;

    private final List<SecureChannel> servers = new ArrayList<>();
    private final ByteBuffer outbound = ByteBuffer.allocate(256 * 1024);
    private List<Bytes> flush;

    @Setup
    public void setUp() throws ParleyException {
        servers.addAll(InMemoryRoom.establishedServers(MEMBERS));
        Bytes encoded = ChatCodec.encode(InMemoryRoom.hundredByteMessage(1));
        flush = Collections.nCopies(perFlush, encoded);
    }

    @Benchmark
    public int oneRecordPerMessage() {
        int bytes = 0;
        for (SecureChannel server : servers) {
            outbound.clear();
            for (Bytes message : flush) {
                server.send(message, outbound);
            }
            bytes += outbound.position();
        }
        return bytes;
    }

    @Benchmark
    public int batchRecords() {
        int bytes = 0;
        for (SecureChannel server : servers) {
            outbound.clear();
            server.send(flush, outbound);
            bytes += outbound.position();
        }
        return bytes;
    }
}
