package org.parley.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.parley.server.metrics.ConnectionPhase;
import org.parley.server.metrics.Outcome;
import org.parley.server.metrics.ServerMetrics;

/**
 * Follows one connection through its phases for the metrics: handshaking from when it is
 * admitted, authenticating from {@link ChannelEstablished} (a successful handshake, counted with
 * its suite), chatting from {@link LoggedIn}, and out of its phase when it closes (a connection
 * that closes while handshaking counts as a failed handshake). Also counts the moments its
 * outbound buffer reaches the high-water mark. Passes every event on unchanged.
 */
final class ConnectionMetrics extends ChannelInboundHandlerAdapter {
    /** The suite label of a handshake that did not complete. */
    static final String NO_SUITE = "none";
    private final ServerMetrics metrics;
    /** Null before the connection was admitted and after it closed. */
    private ConnectionPhase phase;

    ConnectionMetrics(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        enter(ConnectionPhase.HANDSHAKING);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelEstablished established && phase == ConnectionPhase.HANDSHAKING) {
            metrics.handshake(established.session().suite().canonicalName(), Outcome.SUCCESS);
            enter(ConnectionPhase.AUTHENTICATING);
        } else if (event instanceof LoggedIn && phase == ConnectionPhase.AUTHENTICATING) {
            enter(ConnectionPhase.CHATTING);
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            metrics.backPressure();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (phase == ConnectionPhase.HANDSHAKING) {
            metrics.handshake(NO_SUITE, Outcome.FAILURE);
        }
        if (phase != null) {
            metrics.connectionLeft(phase);
            phase = null;
        }
        ctx.fireChannelInactive();
    }

    private void enter(ConnectionPhase next) {
        if (phase != null) {
            metrics.connectionLeft(phase);
        }
        phase = next;
        metrics.connectionEntered(next);
    }
}
