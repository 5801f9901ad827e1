package org.parley.server.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP side of one {@link MetricsEndpoint} connection, behind Netty's {@code HttpServerCodec}:
 * answers the first request it decodes ({@code GET /metrics}: 200 with the scrape; another method on
 * /metrics: 405 with {@code Allow: GET}; another path: 404; a request the decoder failed: 400, or 431
 * when its request line or headers were over the limits), with {@code Connection: close}, then shuts
 * its output once the answer is written; everything decoded after the answer (a request body, a
 * pipelined request) is released unread, and {@link MetricsConnectionGuard} stops passing further
 * input to the codec. The path is that of an origin-form ({@code /metrics?x}) or absolute-form
 * ({@code http://host:port/metrics}) request target; the query is ignored.
 */
final class MetricsRequestHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final Supplier<String> scrape;
    private final MetricsConnectionGuard guard;
    private boolean answered;

    MetricsRequestHandler(Supplier<String> scrape, MetricsConnectionGuard guard) {
        super(HttpObject.class);
        this.scrape = scrape;
        this.guard = guard;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (answered || !(message instanceof HttpRequest request) || !ctx.channel().isActive()) {
            return;
        }
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            boolean tooLong = decoded.cause() instanceof TooLongHttpLineException
                    || decoded.cause() instanceof TooLongHttpHeaderException;
            respond(ctx, tooLong ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST);
            return;
        }
        if (!"HTTP".equals(request.protocolVersion().protocolName()) || request.protocolVersion().majorVersion() != 1) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        Optional<String> path = path(request.uri());
        if (path.isEmpty()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST);
        } else if (!MetricsEndpoint.PATH.equals(path.get())) {
            respond(ctx, HttpResponseStatus.NOT_FOUND);
        } else if (!HttpMethod.GET.equals(request.method())) {
            FullHttpResponse response = response(HttpResponseStatus.METHOD_NOT_ALLOWED, Unpooled.EMPTY_BUFFER);
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            send(ctx, response);
        } else {
            FullHttpResponse response = response(HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(scrape.get().getBytes(StandardCharsets.UTF_8)));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, MetricsEndpoint.CONTENT_TYPE);
            send(ctx, response);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /**
     * The decoded path of a request target in origin form or absolute form, without its query; empty
     * when the target is not a URI (a bad percent-escape, say).
     */
    static Optional<String> path(String target) {
        try {
            QueryStringDecoder decoder = target.startsWith("/")
                    ? new QueryStringDecoder(target)
                    : new QueryStringDecoder(new URI(target));
            return Optional.of(decoder.path());
        } catch (URISyntaxException | IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    private void respond(ChannelHandlerContext ctx, HttpResponseStatus status) {
        send(ctx, response(status, Unpooled.EMPTY_BUFFER));
    }

    private static FullHttpResponse response(HttpResponseStatus status, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private void send(ChannelHandlerContext ctx, FullHttpResponse response) {
        answered = true;
        guard.answered();
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess() && written.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                written.channel().close();
            }
        });
    }
}
