package org.parley.server.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The metrics endpoint: a minimal HTTP/1.1 responder on its own address and its own single thread,
 * answering {@code GET /metrics} with {@link MicrometerServerMetrics#scrape()} in the Prometheus text
 * format, and nothing else (another path: 404; another method: 405, with {@code Allow: GET}; a
 * request Netty's HTTP decoder rejects: 400; a request line over {@value #MAX_REQUEST_LINE_BYTES}
 * bytes or headers over {@value #MAX_HEADER_BYTES} bytes: 431). Every answer has
 * {@code Connection: close}; a connection carries one request. HTTP is decoded and encoded by
 * Netty's {@link HttpServerCodec}; {@link MetricsConnectionGuard} bounds the connection and
 * {@link MetricsRequestHandler} answers.
 *
 * <p><b>Bounded against a hostile client</b> (docs/OPERATIONS.md, "Metrics"). One event-loop thread
 * does all the work, so scrapes cannot take more than one core. At most {@value #MAX_CONNECTIONS}
 * connections are open at once: one past that is closed as soon as it is accepted, unanswered. Each
 * connection is closed {@link #REQUEST_DEADLINE} after it was accepted, answered or not, so a client
 * that sends its request slowly, or reads the answer slowly, holds a slot for that long at most and
 * never holds up the others' requests (the thread never waits on one connection). At most
 * {@value #MAX_REQUEST_LINE_BYTES} bytes of request line and {@value #MAX_HEADER_BYTES} bytes of
 * headers are read; a request body is discarded unread (at most
 * {@value MetricsConnectionGuard#MAX_DISCARDED_BYTES} bytes of it before the connection is closed). The chat
 * server's event loops, threads and connections are not involved. Requests are not logged.
 *
 * <p>(This replaced the JDK's {@code com.sun.net.httpserver} server, which accepts every connection
 * whatever its backlog, queues every started request without bound for its executor, and has no
 * request deadline by default: one local client that sent half a request stopped every later scrape
 * and kept every later connection open for good.)
 */
public final class MetricsEndpoint implements AutoCloseable {
    static final String PATH = "/metrics";
    /** Prometheus text exposition format 0.0.4, what every Prometheus version scrapes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Connections open at once; a further one is closed when accepted. */
    static final int MAX_CONNECTIONS = 8;
    /** The longest request line read; a longer one is answered 431. */
    static final int MAX_REQUEST_LINE_BYTES = 4096;
    /** The most header bytes read (the header lines, without their line ends); more is answered 431. */
    static final int MAX_HEADER_BYTES = 8192;
    /** How long a connection may stay open from its accept, whatever it does. */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);
    private static final int BACKLOG = 8;
    private final EventLoopGroup thread;
    private final io.netty.channel.Channel listener;

    private MetricsEndpoint(EventLoopGroup thread, io.netty.channel.Channel listener) {
        this.thread = thread;
        this.listener = listener;
    }

    /** Binds {@code address} and starts serving {@code metrics}. */
    public static MetricsEndpoint start(InetSocketAddress address, MicrometerServerMetrics metrics) throws IOException {
        return start(address, metrics, REQUEST_DEADLINE);
    }

    /** As {@link #start(InetSocketAddress, MicrometerServerMetrics)} with another deadline; for tests. */
    static MetricsEndpoint start(InetSocketAddress address, MicrometerServerMetrics metrics, Duration deadline)
            throws IOException {
        EventLoopGroup thread = new MultiThreadIoEventLoopGroup(1,
                Thread.ofPlatform().name("parley-metrics").daemon(true).factory(), NioIoHandler.newFactory());
        AtomicInteger open = new AtomicInteger();
        ServerBootstrap bootstrap = new ServerBootstrap().group(thread).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        MetricsConnectionGuard guard = new MetricsConnectionGuard(open, deadline);
                        channel.pipeline().addLast(guard, new HttpServerCodec(decoderConfig()),
                                new MetricsRequestHandler(metrics::scrape, guard));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            thread.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            if (bound.cause() instanceof IOException e) {
                throw e;
            }
            throw new IOException(bound.cause());
        }
        return new MetricsEndpoint(thread, bound.channel());
    }

    private static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig().setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES).setMaxChunkSize(MAX_HEADER_BYTES);
    }

    /** The address actually bound (an ephemeral port when port 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Stops listening at once, closes every open connection and stops the thread. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        thread.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }
}
