package org.parley.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;

/**
 * Closes a connection whose secure channel is not established within the deadline, so a peer
 * that connects and stays silent (or trickles bytes) cannot hold a slot; each such close is a
 * {@code handshake_timeout} audit event with the remote address. Removes itself once the handshake
 * completed.
 */
final class HandshakeDeadline extends ChannelInboundHandlerAdapter {
    private final Duration timeout;
    private final ConsoleLog console;
    private final AuditLog audit;
    private ScheduledFuture<?> deadline;

    HandshakeDeadline(Duration timeout, ConsoleLog console, AuditLog audit) {
        this.timeout = timeout;
        this.console = console;
        this.audit = audit;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            SecureChannelHandler secure = ctx.pipeline().get(SecureChannelHandler.class);
            audit.record("handshake_timeout", Map.of("remote", String.valueOf(ctx.channel().remoteAddress())));
            console.disconnected(ctx.channel().remoteAddress(), null, "handshake not completed within " + timeout
                    + (secure == null ? "" : " (" + secure.handshakeProgress() + ")"));
            ctx.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelEstablished) {
            cancel();
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
