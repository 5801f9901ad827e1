package org.parley.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.parley.crypto.Bytes;
import org.parley.protocol.channel.SecureChannel;

/**
 * Write coalescing for {@link SecureChannelHandler}: messages are sealed straight into one pooled
 * outbound buffer as they are written, the frames sealed since the last flush leave as that one
 * buffer in one write, and the promises of the messages sealed into it complete with that write.
 * Confined to the connection's event loop.
 *
 * <p>Sealing into the pooled buffer (through {@link ByteBuf#internalNioBuffer}, which allocates
 * nothing) means a delivery costs no frame array and no per-record copy besides the encryption.
 */
final class CoalescedWrites {
    /** First capacity of a flush's buffer; a drain of many events grows it. */
    private static final int INITIAL_CAPACITY = 4096;
    /** Promises of messages sealed but not yet written (they are written at the next flush). */
    private final List<ChannelPromise> sealed = new ArrayList<>(2); // few between two flushes; grows when needed
    /** The frames sealed since the last flush, or null when there are none. */
    private ByteBuf pending;

    /**
     * Seals {@code message} through {@code channel} into the pending buffer; {@code promise}
     * completes when it is written.
     *
     * @throws IllegalStateException if the channel cannot send; nothing is sealed then
     * @throws IllegalArgumentException if the message is too long; nothing is sealed then
     */
    void send(ChannelHandlerContext ctx, SecureChannel channel, Bytes message, ChannelPromise promise) {
        int bound = channel.sendBound(message.length());
        ByteBuf buf = reserve(ctx, bound);
        ByteBuffer out = buf.internalNioBuffer(buf.writerIndex(), bound);
        int start = out.position();
        channel.send(message, out);
        buf.writerIndex(buf.writerIndex() + out.position() - start);
        if (!promise.isVoid()) {
            sealed.add(promise);
        }
    }

    /**
     * Seals {@code messages} through {@code channel} into the pending buffer like {@link #send}
     * each, runs of them as batch records ({@link SecureChannel#send(List, ByteBuffer)}): only for
     * a client that opted in. {@code promise} completes when they are written.
     *
     * @throws IllegalStateException if the channel cannot send; nothing is sealed then
     * @throws IllegalArgumentException if a message is too long; nothing is sealed then
     */
    void sendAll(ChannelHandlerContext ctx, SecureChannel channel, List<Bytes> messages, ChannelPromise promise) {
        int bound = channel.sendBound(messages);
        ByteBuf buf = reserve(ctx, bound);
        ByteBuffer out = buf.internalNioBuffer(buf.writerIndex(), bound);
        int start = out.position();
        channel.send(messages, out);
        buf.writerIndex(buf.writerIndex() + out.position() - start);
        if (!promise.isVoid()) {
            sealed.add(promise);
        }
    }

    /**
     * Writes the pending buffer, with {@code frames} (queued by the channel itself: handshake,
     * KeyUpdate, alerts) after it, as one buffer; {@code promise} and every sealed message's
     * promise complete with it.
     */
    void write(ChannelHandlerContext ctx, List<Bytes> frames, ChannelPromise promise) {
        int total = 0;
        for (Bytes frame : frames) {
            total += frame.length();
        }
        if (total > 0) {
            ByteBuf buf = reserve(ctx, total);
            for (Bytes frame : frames) {
                buf.writeBytes(frame.asReadOnlyBuffer());
            }
        }
        if (pending == null) {
            if (!promise.isVoid()) {
                promise.setSuccess();
            }
            sealed.forEach(ChannelPromise::setSuccess);
            sealed.clear();
            return;
        }
        ByteBuf out = pending;
        pending = null;
        ctx.write(out, combined(ctx, promise));
    }

    /**
     * Fails every sealed message's promise and drops what was not written: the connection is closing.
     * The cause is made only when a promise waits for it: most connections close with none, and an
     * exception's stack trace through the pipeline costs more than the rest of the close (issue 13's
     * key-login profile: two per connection).
     */
    void failAll(Supplier<? extends Throwable> cause) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (sealed.isEmpty()) {
            return;
        }
        Throwable failure = cause.get();
        sealed.forEach(p -> p.tryFailure(failure));
        sealed.clear();
    }

    /** The pending buffer with at least {@code bytes} writable, allocated from the channel's pool when there is none. */
    private ByteBuf reserve(ChannelHandlerContext ctx, int bytes) {
        if (pending == null) {
            // A heap buffer: the JDK's AES-GCM seals into an array directly, but into direct memory only
            // through a temporary array it allocates per record (measured: 264 more bytes per record).
            // The transport copies the whole flush into direct memory once instead.
            pending = ctx.alloc().heapBuffer(Math.max(bytes, INITIAL_CAPACITY));
        } else {
            pending.ensureWritable(bytes);
        }
        return pending;
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
