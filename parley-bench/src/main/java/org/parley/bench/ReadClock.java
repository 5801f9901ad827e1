package org.parley.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The first handler of a peer's pipeline (before TLS): reads the clock once per socket read, so that
 * every message that read brought is timed by one {@link System#nanoTime()} call instead of one each
 * (about 30 ns a call on the benchmark machine, a sixth of a Parley delivery's cost). The latency so
 * measured ends when the read returned: a message's own turn in the generator's processing of that
 * read (at most one read of up to 64 KiB) no longer counts, its wait in the socket's queue still does.
 */
final class ReadClock extends ChannelInboundHandlerAdapter {
    private long readNanos = System.nanoTime();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readNanos = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    /** When the socket read that is being handled now returned (on the connection's event loop). */
    long readNanos() {
        return readNanos;
    }
}
