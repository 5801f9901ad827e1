package org.parley.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;

/**
 * Runs the protocol module's {@link SecureChannel} state machine on a connection: bytes in are fed
 * to it, whole application messages ({@link Bytes}) go up the pipeline, messages written down are
 * sealed, and every frame the channel queues is written out in order.
 *
 * <p>Writes are coalesced: frames produced while reading a batch are flushed once, in
 * {@link #channelReadComplete}. After any flush, a connection whose unsent data still exceeds
 * the outbound limit (the channel is unwritable) is a slow reader and is disconnected; the server
 * never blocks or buffers without bound for it.
 *
 * <p><b>Security.</b> A protocol error sends the channel's alert and closes this connection only;
 * after it, input is dropped unread. The end of the TCP stream without close_notify is reported
 * to the channel as truncation.
 */
final class SecureChannelHandler extends ChannelDuplexHandler {
    private final SecureChannel channel;
    private final ConsoleLog console;
    private final AuditLog audit;
    private boolean done;

    SecureChannelHandler(SecureChannel channel, ConsoleLog console, AuditLog audit) {
        this.channel = channel;
        this.console = console;
        this.audit = audit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (done) {
                return;
            }
            ByteBuffer input = buf.nioBufferCount() == 1 ? buf.nioBuffer() : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(buf));
            List<ChannelEvent> events;
            try {
                events = channel.receive(input);
            } catch (ParleyException e) {
                fail(ctx, e);
                return;
            }
            writeDrained(ctx, ctx.voidPromise());
            for (ChannelEvent event : events) {
                dispatch(ctx, event);
            }
        } finally {
            ReferenceCountUtil.release(buf);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, ChannelEvent event) {
        switch (event) {
            case ChannelEvent.HandshakeCompleted completed -> {
                console.established(ctx.channel().remoteAddress(), completed.session().suite());
                ctx.pipeline().fireUserEventTriggered(new ChannelEstablished(completed.session()));
            }
            case ChannelEvent.MessageReceived received -> {
                if (!done) {
                    ctx.fireChannelRead(received.message());
                }
            }
            case ChannelEvent.PeerKeyUpdated updated -> writeDrained(ctx, ctx.voidPromise());
            case ChannelEvent.PeerClosed closed -> closeGracefully(ctx, "peer sent close_notify");
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        switch (msg) {
            case Bytes message when !done -> {
                try {
                    channel.send(message);
                } catch (IllegalStateException e) {
                    promise.setFailure(e);
                    return;
                } catch (IllegalArgumentException e) {
                    // Larger than the channel's message limit: a server bug, not the peer's fault; keep the connection.
                    console.warn("dropped an outbound message of " + message.length() + " bytes", e);
                    promise.setFailure(e);
                    return;
                }
                writeDrained(ctx, promise);
            }
            case CloseGracefully close -> {
                promise.setSuccess();
                closeGracefully(ctx, close.reason());
            }
            default -> {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new IllegalStateException("channel closed"));
            }
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
        if (!done && ctx.channel().isActive() && !ctx.channel().isWritable()) {
            done = true;
            console.disconnected(ctx.channel().remoteAddress(), null, "slow reader: outbound buffer limit exceeded");
            audit.record("slow_reader_disconnected", Map.of("remote", String.valueOf(ctx.channel().remoteAddress())));
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!done) {
            done = true;
            try {
                channel.endOfInput();
            } catch (RecordException e) {
                console.disconnected(ctx.channel().remoteAddress(), null, "connection ended without close_notify");
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        console.disconnected(ctx.channel().remoteAddress(), null, "transport error: " + cause.getClass().getSimpleName());
        done = true;
        ctx.close();
    }

    private void fail(ChannelHandlerContext ctx, ParleyException e) {
        done = true;
        console.disconnected(ctx.channel().remoteAddress(), null, "protocol error, alert " + e.alert() + ": " + e.getMessage());
        audit.record("protocol_error", Map.of("remote", String.valueOf(ctx.channel().remoteAddress()),
                "alert", e.alert().name()));
        writeDrained(ctx, ctx.voidPromise());
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void closeGracefully(ChannelHandlerContext ctx, String reason) {
        if (done) {
            return;
        }
        done = true;
        channel.close();
        writeDrained(ctx, ctx.voidPromise());
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Writes every queued frame; {@code promise} completes with the last one. */
    private void writeDrained(ChannelHandlerContext ctx, ChannelPromise promise) {
        List<Bytes> frames = channel.drainOutbound();
        if (frames.isEmpty()) {
            if (!promise.isVoid()) {
                promise.setSuccess();
            }
            return;
        }
        for (int i = 0; i < frames.size(); i++) {
            ByteBuf out = Unpooled.wrappedBuffer(frames.get(i).toByteArray());
            ctx.write(out, i == frames.size() - 1 ? promise : ctx.voidPromise());
        }
    }
}
