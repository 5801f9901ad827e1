package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A minimal Redis client speaking RESP2 over the pipeline's TLS: commands are arrays of bulk
 * strings; a subscriber's {@code message} pushes go to the sink as deliveries to this member, and
 * every other reply (PUBLISH's receiver count, XADD's id, errors) to the reply listener, in order.
 * It reads the decrypted bytes itself ({@link RespReader}): a push's body goes to the sink where it
 * lies, with no copy and no garbage per push; every other value is decoded by {@link RespDecoder}.
 */
final class RespConnection extends ChannelInboundHandlerAdapter implements RoomMember, RespReader.Values {
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBE = "subscribe".getBytes(StandardCharsets.US_ASCII);
    private final RespReader reader = new RespReader();
    private final int receiver;
    private final FanoutSink sink;
    private final ReadClock clock;
    private final CompletableFuture<RespConnection> active = new CompletableFuture<>();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private volatile Consumer<RespValue> replies = reply -> { };
    private byte[] channelName;
    private Channel channel;

    RespConnection(int receiver, FanoutSink sink, ReadClock clock) {
        this.clock = clock;
        this.receiver = receiver;
        this.sink = sink;
    }

    CompletableFuture<RespConnection> active() {
        return active;
    }

    void onReply(Consumer<RespValue> listener) {
        replies = listener;
    }

    /** Subscribes to {@code name}; completes on the server's confirmation. */
    CompletableFuture<Void> subscribe(String name) {
        channel.eventLoop().execute(() -> write(java.util.Collections.singletonList(command("SUBSCRIBE", name.getBytes(StandardCharsets.UTF_8)))));
        return subscribed;
    }

    /** The channel {@link #send} publishes to. */
    void publishTo(String name) {
        channelName = name.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one command (bulk-string arguments) from any thread. */
    void command(String... args) {
        byte[][] bytes = new byte[args.length - 1][];
        for (int i = 1; i < args.length; i++) {
            bytes[i - 1] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        channel.eventLoop().execute(() -> write(java.util.Collections.singletonList(command(args[0], bytes))));
    }

    /** Sends {@code name arguments...}; call on the event loop. */
    void commandOnLoop(String name, byte[]... arguments) {
        write(java.util.Collections.singletonList(command(name, arguments)));
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public void send(List<byte[]> bodies) {
        write(bodies.stream().map(body -> command("PUBLISH", channelName, body)).toList());
    }

    private static byte[][] command(String name, byte[]... arguments) {
        byte[][] parts = new byte[arguments.length + 1][];
        parts[0] = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(arguments, 0, parts, 1, arguments.length);
        return parts;
    }

    private void write(List<byte[][]> commands) {
        ByteBuf out = channel.alloc().ioBuffer();
        for (byte[][] parts : commands) {
            out.writeBytes(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] part : parts) {
                out.writeBytes(("$" + part.length + "\r\n").getBytes(StandardCharsets.US_ASCII)).writeBytes(part)
                        .writeByte('\r').writeByte('\n');
            }
        }
        channel.writeAndFlush(out, channel.voidPromise());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        active.complete(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf chunk = (ByteBuf) msg;
        try {
            reader.append(chunk, this);
        } finally {
            chunk.release();
        }
    }

    @Override
    public void message(byte[] bytes, int offset, int length) {
        sink.received(receiver, bytes, offset, length, clock.readNanos());
    }

    /** A value other than a canonical message push (which {@link RespReader} may still pass here in another form). */
    @Override
    public void value(RespValue value) {
        if (value instanceof RespValue.Array(List<RespValue> items) && !items.isEmpty()
                && items.getFirst() instanceof RespValue.Bulk(byte[] kind) && kind != null) {
            if (Arrays.equals(kind, MESSAGE) && items.size() == 3 && items.get(2) instanceof RespValue.Bulk(byte[] payload)
                    && payload != null) {
                message(payload, 0, payload.length);
                return;
            }
            if (Arrays.equals(kind, SUBSCRIBE)) {
                subscribed.complete(null);
                return;
            }
        }
        replies.accept(value);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        IllegalStateException closed = new IllegalStateException("Redis connection closed");
        active.completeExceptionally(closed);
        subscribed.completeExceptionally(closed);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        active.completeExceptionally(cause);
        subscribed.completeExceptionally(cause);
        ctx.close();
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
