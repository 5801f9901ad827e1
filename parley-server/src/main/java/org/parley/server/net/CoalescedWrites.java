package org.parley.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;

/**
 * Write coalescing for {@link SecureChannelHandler}: the frames sealed since the last flush leave
 * as one pooled buffer in one write, and the promises of the messages sealed into them complete
 * with that write. Confined to the connection's event loop.
 */
final class CoalescedWrites {
    /** Promises of messages sealed but not yet written (they are written at the next flush). */
    private final List<ChannelPromise> sealed = new ArrayList<>(2); // few between two flushes; grows when needed

    /** A message was sealed; {@code promise} completes when its frames are written. */
    void sealed(ChannelPromise promise) {
        if (!promise.isVoid()) {
            sealed.add(promise);
        }
    }

    /** Writes {@code frames} as one buffer; {@code promise} and every sealed message's promise complete with it. */
    void write(ChannelHandlerContext ctx, List<Bytes> frames, ChannelPromise promise) {
        if (frames.isEmpty()) {
            if (!promise.isVoid()) {
                promise.setSuccess();
            }
            sealed.forEach(ChannelPromise::setSuccess);
            sealed.clear();
            return;
        }
        int total = 0;
        for (Bytes frame : frames) {
            total += frame.length();
        }
        ByteBuf out = ctx.alloc().directBuffer(total);
        for (Bytes frame : frames) {
            out.writeBytes(frame.asReadOnlyBuffer());
        }
        ctx.write(out, combined(ctx, promise));
    }

    /** Fails every sealed message's promise: the connection is closing. */
    void failAll(Throwable cause) {
        sealed.forEach(p -> p.tryFailure(cause));
        sealed.clear();
    }

    private ChannelPromise combined(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (sealed.isEmpty()) {
            return promise;
        }
        List<ChannelPromise> waiting = new ArrayList<>(sealed);
        sealed.clear();
        if (!promise.isVoid()) {
            waiting.add(promise);
        }
        ChannelPromise write = ctx.newPromise();
        write.addListener(f -> waiting.forEach(p -> {
            if (f.isSuccess()) {
                p.trySuccess();
            } else {
                p.tryFailure(f.cause());
            }
        }));
        return write;
    }
}
