package org.parley.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.parley.crypto.Bytes;

/**
 * Only in a session with an insecure key log: reads the ClientHello random from the first frame the
 * client writes, so the key log can name the connection (docs/LAB.md), then removes itself. It copies
 * no more than the ClientHello's first bytes and changes nothing it forwards.
 */
final class KeyLogNamer extends ChannelOutboundHandlerAdapter {
    private final InsecureKeyLogFile.Connection log;

    KeyLogNamer(InsecureKeyLogFile.Connection log) {
        this.log = log;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf frame) {
            int length = Math.min(frame.readableBytes(), InsecureKeyLogFile.CLIENT_HELLO_RANDOM + 32);
            log.clientHelloFrame(Bytes.wrapOwned(ByteBufUtil.getBytes(frame, frame.readerIndex(), length)));
            ctx.pipeline().remove(this);
        }
        ctx.write(msg, promise);
    }
}
