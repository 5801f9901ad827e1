package org.parley.bench.jmh;

import java.nio.ByteBuffer;
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
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameDecoder;
import org.parley.protocol.record.FrameType;

/**
 * The chat codec on the fan-out path (the server decodes a SendRoomMessage, encodes one RoomMessage
 * event; a client decodes it) and the frame codec, with a 100-byte message body.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private ChatEvent.RoomMessage event;
    private Bytes encodedEvent;
    private Bytes encodedRequest;
    private byte[] frameBytes;
    private final FrameDecoder frames = new FrameDecoder();

    @Setup
    public void setUp() {
        event = InMemoryRoom.hundredByteMessage(123_456);
        Bytes body = event.message().body();
        encodedEvent = ChatCodec.encode(event);
        encodedRequest = ChatCodec.encode(new ChatRequest.SendRoomMessage(42, "lobby", ContentType.TEXT, body));
        frameBytes = new Frame(FrameType.ENCRYPTED, Bytes.wrapOwned(new byte[160])).encode().toByteArray();
    }

    @Benchmark
    public Bytes encodeRoomMessageEvent() {
        return ChatCodec.encode(event);
    }

    @Benchmark
    public ChatEvent decodeRoomMessageEvent() throws ParleyException {
        return ChatCodec.decodeEvent(encodedEvent);
    }

    @Benchmark
    public ChatRequest decodeSendRoomMessage() throws ParleyException {
        return ChatCodec.decodeRequest(encodedRequest);
    }

    @Benchmark
    public Bytes encodeFrame() {
        return new Frame(FrameType.ENCRYPTED, encodedEvent).encode();
    }

    @Benchmark
    public Object decodeFrame() throws ParleyException {
        return frames.decode(ByteBuffer.wrap(frameBytes)).orElseThrow();
    }
}
