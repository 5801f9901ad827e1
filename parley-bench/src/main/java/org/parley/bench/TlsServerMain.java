package org.parley.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JDK's own TLS 1.3 as a handshake baseline: {@code TlsServerMain CERT KEY PORT_FILE} accepts
 * TLS 1.3 on 127.0.0.1 (ephemeral port) with the JDK provider on one Netty event loop (Linux
 * epoll), completes full handshakes (no resumption: the client never offers a ticket) and does
 * nothing else. The certificate is bench/peers.sh's P-256 one, so the server signs with ECDSA P-256,
 * as Parley's default preset signs with Ed25519.
 */
public final class TlsServerMain {
    private TlsServerMain() {
    }

    public static void main(String[] args) throws Exception {
        SslContext tls = SslContextBuilder.forServer(new File(args[0]), new File(args[1]))
                .sslProvider(SslProvider.JDK).protocols("TLSv1.3").build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        Files.writeString(Path.of(args[2]), Integer.toString(((InetSocketAddress) server.localAddress()).getPort()));
        server.closeFuture().sync();
    }
}
