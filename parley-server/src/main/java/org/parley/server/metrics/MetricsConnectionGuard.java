package org.parley.server.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first handler of a {@link MetricsEndpoint} connection, in front of the HTTP codec: counts the
 * connection against {@link MetricsEndpoint#MAX_CONNECTIONS} (closing one past it unanswered), closes
 * it at the deadline whatever it is doing, and once {@link MetricsRequestHandler} has answered,
 * discards the raw bytes the client still sends (a request body, a pipelined request) instead of
 * decoding them, until the client closes, the deadline passes or {@value #MAX_DISCARDED_BYTES} bytes
 * have been discarded (closing with unread input would reset the connection and could destroy the
 * answer on its way, so the input is read, not left).
 */
final class MetricsConnectionGuard extends ChannelInboundHandlerAdapter {
    /** Bytes discarded after the answer before the connection is closed outright. */
    static final int MAX_DISCARDED_BYTES = 64 * 1024;
    private final AtomicInteger open;
    private final Duration deadline;
    private boolean refused;
    private boolean answered;
    private int discarded;
    private ScheduledFuture<?> timer;

    MetricsConnectionGuard(AtomicInteger open, Duration deadline) {
        this.open = open;
        this.deadline = deadline;
    }

    /** Called (on the connection's event loop) when the answer is written: later input is discarded. */
    void answered() {
        answered = true;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > MetricsEndpoint.MAX_CONNECTIONS) {
            refused = true;
            ctx.close();
            return;
        }
        timer = ctx.executor().schedule(() -> {
            ctx.close();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!refused && !answered) {
            ctx.fireChannelRead(message);
            return;
        }
        if (message instanceof ByteBuf bytes) {
            discarded += bytes.readableBytes();
        }
        ReferenceCountUtil.release(message);
        if (refused || discarded > MAX_DISCARDED_BYTES) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
