package org.parley.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.server.log.AuditLog;

/**
 * Closes a connection that established the secure channel but has not logged in within the login
 * timeout. Records reset the idle timer but not this deadline, so a peer that finished the
 * handshake cannot hold a connection, or make the server answer its KeyUpdates, without an
 * account. Removes itself after the login.
 */
final class LoginDeadline extends ChannelInboundHandlerAdapter {
    private final Duration timeout;
    private final AuditLog audit;
    private ScheduledFuture<?> deadline;

    LoginDeadline(Duration timeout, AuditLog audit) {
        this.timeout = timeout;
        this.audit = audit;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelEstablished && deadline == null) {
            deadline = ctx.executor().schedule(() -> expire(ctx), timeout.toMillis(), TimeUnit.MILLISECONDS);
        } else if (event instanceof LoggedIn) {
            cancel();
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(event);
    }

    private void expire(ChannelHandlerContext ctx) {
        audit.record("login_timeout", Map.of("remote", String.valueOf(ctx.channel().remoteAddress())));
        // The session handler sends close_notify and logs the disconnection.
        ctx.fireUserEventTriggered(new ServerShutdown("not logged in within " + timeout.toMillis() + " ms; closing the connection"));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
