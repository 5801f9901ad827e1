package org.parley.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.parley.protocol.suite.Preset;

/**
 * The load generator's connections: one Netty event loop group (epoll on Linux) of a few threads
 * shared by every client connection, whatever the protocol.
 */
public final class LoadClients implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean epoll;
    private final SecureRandom random = new SecureRandom();

    public LoadClients(int threads) {
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench-io", true), io);
    }

    /** Connects a Parley client and completes after its handshake. */
    public CompletableFuture<ParleyConnection> parley(InetSocketAddress server, Preset preset) {
        ParleyConnection connection = new ParleyConnection(preset, random);
        connect(server, () -> connection).exceptionally(failure -> {
            connection.established().completeExceptionally(failure);
            return null;
        });
        return connection.established();
    }

    /**
     * Connects {@code count} Parley clients, at most {@code inFlight} handshakes at a time so that
     * none times out in the server's handshake queue.
     */
    public List<ParleyConnection> parley(InetSocketAddress server, Preset preset, int count, int inFlight) {
        List<ParleyConnection> all = new ArrayList<>(count);
        for (int start = 0; start < count; start += inFlight) {
            List<CompletableFuture<ParleyConnection>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + inFlight); i++) {
                batch.add(parley(server, preset));
            }
            batch.forEach(f -> all.add(f.join()));
        }
        return all;
    }

    /** Opens a TCP connection whose only handler is the one {@code handler} supplies. */
    public CompletableFuture<Void> connect(InetSocketAddress server, Supplier<? extends io.netty.channel.ChannelHandler> handler) {
        Class<? extends SocketChannel> type = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        ChannelFuture future = new Bootstrap().group(group).channel(type)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(handler.get())
                .connect(server);
        CompletableFuture<Void> result = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
