package org.parley.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.parley.server.log.ConsoleLog;

/**
 * First handler of every connection: admits it if the server is under its connection cap and its
 * address under the per-address limit, otherwise closes it at once, before any byte is read or any handshake work is done.
 */
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private final ConnectionCounter counter;
    private final ConsoleLog console;
    private InetAddress admitted;

    ConnectionLimitHandler(ConnectionCounter counter, ConsoleLog console) {
        this.counter = counter;
        this.console = console;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        Optional<String> refused = counter.tryOpen(address);
        if (refused.isPresent()) {
            console.refused(ctx.channel().remoteAddress(), refused.get());
            ctx.close();
            return;
        }
        admitted = address;
        console.connected(ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted != null) {
            counter.closed(admitted);
            admitted = null;
            ctx.fireChannelInactive();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (admitted == null) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
