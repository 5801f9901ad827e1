package org.parley.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Full handshakes a second and per server CPU-second, {@code inFlight} at a time, each on a new TCP
 * connection that is closed at once: Parley per preset, without login or with a login-key login
 * (Ed25519, the cheap login: SCRAM's PBKDF2 would measure the password hash, not the handshake), and
 * the JDK's TLS 1.3 as the baseline.
 */
final class HandshakeScenario {
    private HandshakeScenario() {
    }

    /** A login key registered for one account, which every login of the scenario uses. */
    record KeyLogin(String user, SigningKey key) {
    }

    /** Registers an account and adds an Ed25519 login key to it. */
    static KeyLogin keyLogin(LoadClients clients, InetSocketAddress address) {
        ParleyConnection connection = ParleyRoom.registered(clients, address, 1).getFirst();
        SigningKey key = SignatureAlgorithm.ED25519.create().generate(new SecureRandom());
        ChatEvent.Answer answer = connection.request(id -> new ChatRequest.AddLoginKey(id, SignatureComponent.ED25519,
                key.publicKey())).join();
        if (!(answer instanceof ChatEvent.Accepted)) {
            throw new IllegalStateException("could not add a login key: " + answer);
        }
        String user = connection.loginName();
        connection.close();
        return new KeyLogin(user, key);
    }

    static Measurement parley(LoadClients clients, InetSocketAddress address, ProcessCpu server, Preset preset,
            Optional<KeyLogin> login, int inFlight, double warmUp, double seconds) throws InterruptedException {
        ClosedLoop loop = new ClosedLoop();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < inFlight; i++) {
            parleyWorker(clients, address, preset, login, loop, random);
        }
        return loop.measure(server, warmUp, seconds);
    }

    private static void parleyWorker(LoadClients clients, InetSocketAddress address, Preset preset,
            Optional<KeyLogin> login, ClosedLoop loop, SecureRandom random) {
        if (!loop.running()) {
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<ParleyConnection> connected = clients.parley(address, preset);
        CompletableFuture<ParleyConnection> done = login.isEmpty() ? connected
                : connected.thenCompose(c -> c.loginWithKey(login.get().user(), login.get().key(), random).thenApply(ok -> c));
        done.whenComplete((connection, failure) -> {
            if (failure == null) {
                loop.completed(start);
                connection.close();
            }
            parleyWorker(clients, address, preset, login, loop, random);
        });
    }

    static Measurement jdkTls(LoadClients clients, InetSocketAddress address, ProcessCpu server, int inFlight,
            double warmUp, double seconds) throws InterruptedException {
        ClosedLoop loop = new ClosedLoop();
        SslContext tls = PeerTls.jdkClientContext();
        for (int i = 0; i < inFlight; i++) {
            tlsWorker(clients, address, tls, loop);
        }
        return loop.measure(server, warmUp, seconds);
    }

    private static void tlsWorker(LoadClients clients, InetSocketAddress address, SslContext tls, ClosedLoop loop) {
        if (!loop.running()) {
            return;
        }
        long start = System.nanoTime();
        clients.connect(address, () -> new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                SslHandler handler = tls.newHandler(ch.alloc(), address.getHostString(), address.getPort());
                ch.pipeline().addLast(handler, new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                        if (event instanceof SslHandshakeCompletionEvent completion) {
                            if (completion.isSuccess()) {
                                loop.completed(start);
                            }
                            ctx.close();
                            tlsWorker(clients, address, tls, loop);
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close(); // a reset after the handshake, when both sides close at once
                    }
                });
            }
        }).exceptionally(failure -> {
            tlsWorker(clients, address, tls, loop);
            return null;
        });
    }
}
