package org.parley.server.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One connection to the {@link MetricsEndpoint}: counts it against the cap, closes it at the
 * deadline, keeps at most {@link MetricsEndpoint#MAX_REQUEST_BYTES} bytes of its request, answers
 * once the request line and headers have arrived, then shuts its output and discards whatever else
 * the client sends until the client closes or the deadline passes (closing with unread input would
 * reset the connection and could destroy the answer on its way).
 */
final class MetricsRequestHandler extends ChannelInboundHandlerAdapter {
    /** Bytes discarded after the answer (a request body, a pipelined request) before closing outright. */
    private static final int MAX_DISCARDED_BYTES = 64 * 1024;
    private final Supplier<String> scrape;
    private final AtomicInteger open;
    private final Duration deadline;
    private final byte[] request = new byte[MetricsEndpoint.MAX_REQUEST_BYTES];
    private int length;
    private boolean answered;
    private int discarded;
    private ScheduledFuture<?> timer;

    MetricsRequestHandler(Supplier<String> scrape, AtomicInteger open, Duration deadline) {
        this.scrape = scrape;
        this.open = open;
        this.deadline = deadline;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > MetricsEndpoint.MAX_CONNECTIONS) {
            ctx.close();
            return;
        }
        timer = ctx.executor().schedule(() -> {
            ctx.close();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ByteBuf in = (ByteBuf) message;
        try {
            if (answered) {
                discarded += in.readableBytes();
                if (discarded > MAX_DISCARDED_BYTES) {
                    ctx.close();
                }
                return;
            }
            int take = Math.min(in.readableBytes(), request.length - length);
            in.readBytes(request, length, take);
            int scanFrom = Math.max(0, length - 2);
            length += take;
            int end = endOfHeaders(scanFrom);
            if (end >= 0) {
                answer(ctx, requestLine());
            } else if (length == request.length) {
                respond(ctx, 431, "Request Header Fields Too Large", "", null);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /**
     * The offset of the blank line ending the headers (CRLF CRLF, or a bare LF LF), or -1; the search
     * starts at {@code from}, just before the bytes that just arrived, so a request trickled in one
     * byte at a time costs linear work, not quadratic.
     */
    private int endOfHeaders(int from) {
        for (int i = from; i + 1 < length; i++) {
            if (request[i] == '\n' && (request[i + 1] == '\n'
                    || (request[i + 1] == '\r' && i + 2 < length && request[i + 2] == '\n'))) {
                return i;
            }
        }
        return -1;
    }

    private String requestLine() {
        int end = 0;
        while (end < length && request[end] != '\n') {
            end++;
        }
        if (end > 0 && request[end - 1] == '\r') {
            end--;
        }
        return new String(request, 0, end, StandardCharsets.ISO_8859_1);
    }

    private void answer(ChannelHandlerContext ctx, String requestLine) {
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            respond(ctx, 400, "Bad Request", "", null);
            return;
        }
        int query = parts[1].indexOf('?');
        String path = query < 0 ? parts[1] : parts[1].substring(0, query);
        if (!MetricsEndpoint.PATH.equals(path)) {
            respond(ctx, 404, "Not Found", "", null);
        } else if (!"GET".equals(parts[0])) {
            respond(ctx, 405, "Method Not Allowed", "Allow: GET\r\n", null);
        } else {
            respond(ctx, 200, "OK", "Content-Type: " + MetricsEndpoint.CONTENT_TYPE + "\r\n", scrape.get());
        }
    }

    private void respond(ChannelHandlerContext ctx, int status, String reason, String headers, String body) {
        answered = true;
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\n" + headers + "Content-Length: " + content.length
                + "\r\nConnection: close\r\n\r\n";
        ByteBuf out = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1), content);
        ctx.writeAndFlush(out).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess() && written.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                written.channel().close();
            }
        });
    }
}
