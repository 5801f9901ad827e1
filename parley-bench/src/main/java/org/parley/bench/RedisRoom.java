package org.parley.bench;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Redis pub/sub "room": {@code members − 1} subscribers of one channel and one publishing
 * connection per sender (a subscribed RESP2 connection cannot publish), over TLS. So that every
 * message has {@code members − 1} recipients, as in Parley and IRC, where the sender is a member
 * that receives nothing of its own. Subscribers are receivers {@code 1_000_000 + i}, never a sender's index.
 */
final class RedisRoom implements AutoCloseable {
    private static final int IN_FLIGHT = 64;
    private final List<RespConnection> subscribers;
    private final List<RespConnection> publishers;

    private RedisRoom(List<RespConnection> subscribers, List<RespConnection> publishers) {
        this.subscribers = subscribers;
        this.publishers = publishers;
    }

    static RedisRoom join(LoadClients clients, InetSocketAddress address, int members, int senders, FanoutSink sink) {
        List<RespConnection> subscribers = connect(clients, address, members - 1, 1_000_000, sink);
        for (int start = 0; start < subscribers.size(); start += IN_FLIGHT) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (RespConnection s : subscribers.subList(start, Math.min(subscribers.size(), start + IN_FLIGHT))) {
                batch.add(s.subscribe("bench"));
            }
            batch.forEach(CompletableFuture::join);
        }
        List<RespConnection> publishers = connect(clients, address, senders, 0, sink);
        publishers.forEach(p -> p.publishTo("bench"));
        return new RedisRoom(subscribers, publishers);
    }

    /** {@code count} connections over TLS, receivers {@code firstReceiver}, {@code firstReceiver + 1}, ... */
    static List<RespConnection> connect(LoadClients clients, InetSocketAddress address, int count, int firstReceiver,
            FanoutSink sink) {
        SslContext tls = PeerTls.fastestClientContext().context();
        List<RespConnection> all = new ArrayList<>();
        for (int start = 0; start < count; start += IN_FLIGHT) {
            List<CompletableFuture<RespConnection>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + IN_FLIGHT); i++) {
                ReadClock clock = new ReadClock();
                RespConnection connection = new RespConnection(firstReceiver + i, sink, clock);
                clients.connect(address, () -> new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(clock, tls.newHandler(ch.alloc(), address.getHostString(), address.getPort()),
                                connection);
                    }
                }).exceptionally(failure -> {
                    connection.active().completeExceptionally(failure);
                    return null;
                });
                batch.add(connection.active());
            }
            batch.forEach(f -> all.add(f.join()));
        }
        return all;
    }

    List<RoomMember> senders() {
        return List.copyOf(publishers);
    }

    @Override
    public void close() {
        subscribers.forEach(RespConnection::close);
        publishers.forEach(RespConnection::close);
    }
}
