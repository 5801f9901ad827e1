package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A minimal IRC client (RFC 2812: NICK, USER, JOIN, PRIVMSG, PING/PONG, OPER, MODE) on lines that
 * the pipeline already cut (TLS, then a line decoder of at most 8 KiB a line). Enough for a
 * fan-out benchmark and no more: it ignores every line it does not need.
 *
 * <p>Each PRIVMSG to the channel goes to the sink as a delivery to this member; the server never
 * echoes a PRIVMSG to its sender.
 */
final class IrcConnection extends SimpleChannelInboundHandler<ByteBuf> implements RoomMember {
    private static final byte[] PRIVMSG = " PRIVMSG ".getBytes(StandardCharsets.US_ASCII);
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
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
        byte[] bytes = new byte[line.readableBytes()];
        line.readBytes(bytes);
        int privmsg = indexOf(bytes, PRIVMSG);
        if (privmsg >= 0) {
            int colon = indexOf(bytes, new byte[] {' ', ':'}, privmsg + PRIVMSG.length);
            if (colon >= 0) {
                sink.received(receiver, bytes, colon + 2, bytes.length - colon - 2, clock.readNanos());
            }
            return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("PING ")) {
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(("PONG " + text.substring(5) + "\r\n").getBytes(StandardCharsets.UTF_8)));
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

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
