package org.parley.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.RoomVisibility;

/**
 * Durable messages a second, acknowledged only after they are on disk: {@code senders} concurrent
 * closed-loop senders, each in a room of its own (so that the figure is the store's, not fan-out).
 * Parley acknowledges a room message with Accepted after its SQLite commit; Redis with
 * {@code appendfsync always} answers XADD after the fsync of its append-only file.
 */
final class DurableScenario {
    private DurableScenario() {
    }

    static Measurement parley(LoadClients clients, InetSocketAddress address, ProcessCpu server, int senders,
            int size, double warmUp, double seconds, RoomSends sends) throws InterruptedException {
        List<ParleyConnection> connections = ParleyRoom.registered(clients, address, senders);
        ClosedLoop loop = new ClosedLoop();
        String tag = Long.toString(System.nanoTime() % 1_000_000_007L, 36);
        byte[] body = FanoutSink.body(0, 0, 0, size);
        for (int i = 0; i < connections.size(); i++) {
            ParleyConnection sender = connections.get(i);
            String room = "durable-" + tag + "-" + i;
            ChatEvent.Answer created = sender.request(id -> new ChatRequest.CreateRoom(id, room, RoomVisibility.PUBLIC)).join();
            if (!(created instanceof ChatEvent.JoinedRoom)) {
                throw new IllegalStateException("could not create " + room + ": " + created);
            }
            long[] sentAt = {0};
            Runnable next = () -> {
                sentAt[0] = System.nanoTime();
                sender.fire(1, id -> sends.message(id, room, Bytes.wrapOwned(body)));
            };
            sender.onAnswer(answer -> {
                if (answer instanceof ChatEvent.Accepted) {
                    loop.completed(sentAt[0]);
                }
                if (loop.running()) {
                    next.run();
                }
            });
            sender.channel().eventLoop().execute(next);
        }
        try {
            return loop.measure(server, warmUp, seconds);
        } finally {
            connections.forEach(ParleyConnection::close);
        }
    }

    static Measurement redis(LoadClients clients, InetSocketAddress address, ProcessCpu server, int senders,
            int size, double warmUp, double seconds) throws InterruptedException {
        List<RespConnection> connections = RedisRoom.connect(clients, address, senders, 0, new FanoutSink());
        ClosedLoop loop = new ClosedLoop();
        byte[] body = FanoutSink.body(0, 0, 0, size);
        byte[] stream = "bench-durable".getBytes(StandardCharsets.US_ASCII);
        for (RespConnection sender : connections) {
            long[] sentAt = {0};
            Runnable next = () -> {
                sentAt[0] = System.nanoTime();
                sender.commandOnLoop("XADD", stream, new byte[] {'*'}, new byte[] {'m'}, body);
            };
            sender.onReply(reply -> {
                if (reply instanceof RespValue.Bulk) {
                    loop.completed(sentAt[0]);
                }
                if (loop.running()) {
                    next.run();
                }
            });
            sender.eventLoop().execute(next);
        }
        try {
            return loop.measure(server, warmUp, seconds);
        } finally {
            connections.forEach(RespConnection::close);
        }
    }
}
