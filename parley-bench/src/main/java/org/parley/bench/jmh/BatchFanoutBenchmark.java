package org.parley.bench.jmh;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
        SecureRandom random = new SecureRandom();
        ServerCredentials credentials = new ServerCredentials(Map.of(SignatureComponent.ED25519,
                SignatureAlgorithm.ED25519.create().generate(random)));
        for (int i = 0; i < MEMBERS; i++) {
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
            if (server.state() != SecureChannel.State.ESTABLISHED) {
                throw new IllegalStateException("in-memory handshake did not complete");
            }
            servers.add(server);
        }
        byte[] body = new byte[100];
        Arrays.fill(body, (byte) 'x');
        Bytes encoded = ChatCodec.encode(new ChatEvent.RoomMessage("lobby", new StoredMessage(1, 1_700_000_000_000L,
                "alice", ContentType.TEXT, Bytes.wrapOwned(body)), false));
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
