package org.parley.bench;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * IRC members of one channel over TLS, for ngIRCd and InspIRCd: nick {@code bXYZN} for member N
 * ({@code XYZ} three random letters per batch of connections, so a server that still holds an
 * earlier scenario's connections does not answer "nickname already in use"; at most 9 characters,
 * ngIRCd's default limit),
 * registered and joined 64 at a time. When {@code oper} is given the senders become operators and
 * set the given user modes (ngIRCd lifts its per-client flood protection only for operators, with
 * user mode +F); InspIRCd's flood limits are off in its connect class instead (bench/peers.sh).
 */
final class IrcRoom implements AutoCloseable {
    private static final int IN_FLIGHT = 64;
    private final List<IrcConnection> members;

    private IrcRoom(List<IrcConnection> members) {
        this.members = members;
    }

    /** An operator login and the user modes to set after it. */
    record Oper(String user, String password, String modes) {
    }

    static IrcRoom join(LoadClients clients, InetSocketAddress address, int count, int senders, Optional<Oper> oper,
            FanoutSink sink) {
        List<IrcConnection> members = connect(clients, address, 0, count, sink);
        if (oper.isPresent()) {
            for (IrcConnection sender : members.subList(0, senders)) {
                sender.operWithModes(oper.get().user(), oper.get().password(), oper.get().modes()).join();
            }
        }
        for (int start = 0; start < count; start += IN_FLIGHT) {
            List<CompletableFuture<Void>> joins = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + IN_FLIGHT); i++) {
                joins.add(members.get(i).join("#bench"));
            }
            joins.forEach(CompletableFuture::join);
        }
        return new IrcRoom(members);
    }

    /** {@code count} registered IRC connections over TLS, nicks {@code bXYZ<first>}, {@code bXYZ<first+1>}... */
    static List<IrcConnection> connect(LoadClients clients, InetSocketAddress address, int first, int count,
            FanoutSink sink) {
        SslContext tls = PeerTls.fastestClientContext().context();
        List<IrcConnection> members = new ArrayList<>();
        String prefix = "b" + randomLetters(3);
        for (int start = first; start < first + count; start += IN_FLIGHT) {
            List<CompletableFuture<IrcConnection>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(first + count, start + IN_FLIGHT); i++) {
                ReadClock clock = new ReadClock();
                IrcConnection member = new IrcConnection(prefix + i, i, sink, clock);
                clients.connect(address, () -> new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(clock, tls.newHandler(ch.alloc(), address.getHostString(), address.getPort()),
                                member);
                    }
                }).exceptionally(failure -> {
                    member.registered().completeExceptionally(failure);
                    return null;
                });
                batch.add(member.registered());
            }
            batch.forEach(f -> members.add(f.join()));
        }
        return members;
    }

    List<RoomMember> senders(int count) {
        return List.copyOf(members.subList(0, count));
    }

    @Override
    public void close() {
        members.forEach(IrcConnection::close);
    }

    private static String randomLetters(int count) {
        StringBuilder letters = new StringBuilder(count);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}
