package org.parley.bench.jmh;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.SendId;
import org.parley.server.chat.SendOnce;
import org.parley.server.metrics.ServerMetrics;

/**
 * What the server adds to a room message sent once (docs/PROTOCOL.md 14.5) before its fan-out: the
 * claim of its send id (the request's SHA-256 over its encoding with request id 0, one lock, the
 * table's expiry and bounds) and its settling once stored. Ten senders, each past its 1,024
 * remembered ids, so every claim also forgets its sender's oldest: the steady state of a busy room.
 * Compare with {@link FanoutBenchmark} at N = 100 in the same run (the fan-out one message costs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SendOnceBenchmark {
    private static final int SENDERS = 10;
    private final String[] accounts = new String[SENDERS];
    private SendOnce once;
    private Bytes body;
    private long next;

    @Setup
    public void setUp() {
        once = new SendOnce(Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC), ServerMetrics.off());
        body = InMemoryRoom.hundredByteMessage(1).message().body();
        for (int i = 0; i < SENDERS; i++) {
            accounts[i] = "sender" + i;
        }
        for (int i = 0; i < SENDERS * (SendOnce.PER_ACCOUNT + 1); i++) {
            claimAndStore();
        }
    }

    @Benchmark
    public SendOnce.Claim claimAndStore() {
        long n = ++next;
        SendId id = new SendId(Bytes.wrapOwned(ByteBuffer.allocate(SendId.LENGTH).putLong(1).putLong(n).array()));
        ChatRequest.SendRoomMessage request = new ChatRequest.SendRoomMessage(n, "lobby", ContentType.TEXT, body,
                Optional.of(id));
        SendOnce.Claim claim = once.claim(accounts[(int) (n % SENDERS)], id, request, answer -> { });
        if (claim instanceof SendOnce.First first) {
            once.stored(first, n);
        }
        return claim;
    }
}
