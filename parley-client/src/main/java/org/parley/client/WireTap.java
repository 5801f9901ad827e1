package org.parley.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.parley.crypto.Bytes;

/**
 * Watches the bytes of the connection in both directions, as a network attacker would, and keeps the
 * last {@value #KEPT} frames' headers and first {@value #HEAD} payload bytes ({@link WireFrame}). It
 * reads the frame headers as they stream past without buffering payloads, changes nothing, and stops
 * watching a direction whose bytes stop looking like frames (the real decoder deals with that).
 */
final class WireTap extends ChannelDuplexHandler {
    static final int KEPT = 64;
    static final int HEAD = 16;

    private final Deque<WireFrame> frames = new ArrayDeque<>();
    private final Direction sent = new Direction(true);
    private final Direction received = new Direction(false);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            received.feed(buf);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            sent.feed(buf);
        }
        ctx.write(msg, promise);
    }

    /** The frames seen so far (at most {@value #KEPT}, the latest last). */
    synchronized List<WireFrame> frames() {
        return List.copyOf(frames);
    }

    private synchronized void keep(WireFrame frame) {
        if (frames.size() == KEPT) {
            frames.removeFirst();
        }
        frames.addLast(frame);
    }

    private final class Direction {
        private final boolean outgoing;
        private final byte[] header = new byte[3];
        private final ByteArrayOutputStream head = new ByteArrayOutputStream(HEAD);
        private int headerBytes;
        private int remaining;
        private boolean stopped;

        Direction(boolean outgoing) {
            this.outgoing = outgoing;
        }

        void feed(ByteBuf buf) {
            int at = buf.readerIndex();
            int end = buf.writerIndex();
            while (at < end && !stopped) {
                if (headerBytes < 3) {
                    header[headerBytes++] = buf.getByte(at++);
                    if (headerBytes == 3) {
                        int type = header[0] & 0xff;
                        if (type < 0x15 || type > 0x17) {
                            stopped = true;
                            return;
                        }
                        remaining = ((header[1] & 0xff) << 8) | (header[2] & 0xff);
                        head.reset();
                        finishIfComplete();
                    }
                    continue;
                }
                int take = Math.min(remaining, end - at);
                for (int i = 0; i < take && head.size() < HEAD; i++) {
                    head.write(buf.getByte(at + i));
                }
                at += take;
                remaining -= take;
                finishIfComplete();
            }
        }

        private void finishIfComplete() {
            if (remaining == 0) {
                keep(new WireFrame(outgoing, header[0] & 0xff, ((header[1] & 0xff) << 8) | (header[2] & 0xff),
                        Bytes.wrapOwned(head.toByteArray())));
                headerBytes = 0;
            }
        }
    }
}
