package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A minimal IRC client (RFC 2812: NICK, USER, JOIN, PRIVMSG, PING/PONG, OPER, MODE) after the
 * pipeline's TLS: it cuts the lines itself ({@link LineBuffer}, at most {@value #MAX_LINE} bytes a
 * line). Enough for a fan-out benchmark and no more: it ignores every line it does not need.
 *
 * <p>Each PRIVMSG goes to the sink as a delivery to this member, its body read in place (no copy,
 * no garbage per line: the generator's CPU per IRC delivery limits the ngIRCd ladder); the server
 * never echoes a PRIVMSG to its sender. Other lines, rare, are decoded as text.
 */
final class IrcConnection extends ChannelInboundHandlerAdapter implements RoomMember, LineBuffer.Lines {
    /** An IRC line is at most 512 bytes (RFC 2812); servers send more with tags, so 8 KiB. */
    static final int MAX_LINE = 8192;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** {@code "PRIVMSG "} as the big-endian long that {@link #getLong} reads. */
    private static final long PRIVMSG = getLong("PRIVMSG ".getBytes(StandardCharsets.US_ASCII), 0);
    private final LineBuffer lines = new LineBuffer(MAX_LINE);
    private final String nick;
    private final int receiver;
    private final FanoutSink sink;
    private final ReadClock clock;
    private final CompletableFuture<IrcConnection> registered = new CompletableFuture<>();
    private CompletableFuture<Void> waiting;
    private String waitingFor;
    private String channelName;
    private Channel channel;

    IrcConnection(String nick, int receiver, FanoutSink sink, ReadClock clock) {
        this.clock = clock;
        this.nick = nick;
        this.receiver = receiver;
        this.sink = sink;
    }

    /** Completes after the server's welcome (001). */
    CompletableFuture<IrcConnection> registered() {
        return registered;
    }

    /** Joins {@code name} and completes at the end of its names list (366). */
    CompletableFuture<Void> join(String name) {
        channelName = name;
        return command("JOIN " + name, " 366 ");
    }

    /** Becomes an IRC operator and sets user modes (ngIRCd's +F lifts its flood protection). */
    CompletableFuture<Void> operWithModes(String user, String password, String modes) {
        return command("OPER " + user + " " + password, " 381 ")
                .thenCompose(v -> command("MODE " + nick + " " + modes, " MODE "));
    }

    private CompletableFuture<Void> command(String line, String reply) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            waiting = result;
            waitingFor = reply;
            channel.writeAndFlush(channel.alloc().buffer().writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
        });
        return result;
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public void send(List<byte[]> bodies) {
        byte[] prefix = ("PRIVMSG " + channelName + " :").getBytes(StandardCharsets.US_ASCII);
        ByteBuf out = channel.alloc().ioBuffer(bodies.size() * (prefix.length + bodies.getFirst().length + 2));
        for (byte[] body : bodies) {
            out.writeBytes(prefix).writeBytes(body).writeByte('\r').writeByte('\n');
        }
        channel.writeAndFlush(out, channel.voidPromise());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(
                ("NICK " + nick + "\r\nUSER " + nick + " 0 * :" + nick + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf chunk = (ByteBuf) msg;
        try {
            lines.append(chunk, this);
        } finally {
            chunk.release();
        }
    }

    @Override
    public void line(byte[] bytes, int start, int end) {
        int body = privmsgBody(bytes, start, end);
        if (body >= 0) {
            sink.received(receiver, bytes, body, end - body, clock.readNanos());
            return;
        }
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        if (text.startsWith("PING ")) {
            channel.writeAndFlush(channel.alloc().buffer().writeBytes(("PONG " + text.substring(5) + "\r\n").getBytes(StandardCharsets.UTF_8)));
        } else if (text.contains(" 001 ")) {
            registered.complete(this);
        } else if (text.startsWith("ERROR") || text.contains(" 433 ") || text.contains(" 464 ") || text.contains(" 491 ")) {
            fail(new IllegalStateException("IRC server refused " + nick + ": " + text));
        } else if (waiting != null && text.contains(waitingFor)) {
            CompletableFuture<Void> done = waiting;
            waiting = null;
            done.complete(null);
        }
    }

    /**
     * Where the text of a PRIVMSG line starts ({@code [":" prefix " "] "PRIVMSG " target " " [":"] text},
     * RFC 2812 2.3.1), or -1 for any other line.
     */
    static int privmsgBody(byte[] bytes, int start, int end) {
        int command = start;
        if (command < end && bytes[command] == ':') {
            command = indexOf(bytes, (byte) ' ', command, end) + 1;
            if (command == 0) {
                return -1;
            }
        }
        if (end - command < 8 || getLong(bytes, command) != PRIVMSG) {
            return -1;
        }
        int space = indexOf(bytes, (byte) ' ', command + 8, end);
        if (space < 0) {
            return -1;
        }
        return space + 1 < end && bytes[space + 1] == ':' ? space + 2 : space + 1;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new IllegalStateException("IRC connection of " + nick + " closed"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(new IllegalStateException("IRC connection of " + nick + " failed", cause));
        ctx.close();
    }

    private void fail(RuntimeException failure) {
        registered.completeExceptionally(failure);
        if (waiting != null) {
            waiting.completeExceptionally(failure);
        }
    }

    void close() {
        if (channel != null) {
            channel.writeAndFlush(channel.alloc().buffer().writeBytes("QUIT\r\n".getBytes(StandardCharsets.US_ASCII)))
                    .addListener(f -> channel.close());
        }
    }

    private static int indexOf(byte[] bytes, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static long getLong(byte[] bytes, int at) {
        return (long) LONGS.get(bytes, at);
    }
}
