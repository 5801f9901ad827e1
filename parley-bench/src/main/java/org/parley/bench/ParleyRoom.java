package org.parley.bench;

import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.suite.Preset;

/**
 * Parley members of one fresh room: connected (MODERN preset), registered with one precomputed
 * SCRAM verifier (no PBKDF2 per member) and joined, 64 at a time. Every live room message pushed
 * to member {@code i} goes to the sink as receiver {@code i}, read by {@link RoomMessageReader}
 * (checked as fully as by the chat codec, but no record or string built); every answer to a send
 * goes to {@link FanoutSink#acknowledged} or, with its error code, {@link FanoutSink#refused}.
 */
public final class ParleyRoom implements AutoCloseable {
    /** The password every benchmark account gets; it passes the client's password policy. */
    static final String PASSWORD = "bench-password-1";
    private static final int IN_FLIGHT = 64;
    private final List<ParleyConnection> members;
    private final String room;
    private final FanoutSink sink;
    private final RoomSends sends;

    private ParleyRoom(List<ParleyConnection> members, String room, FanoutSink sink, RoomSends sends) {
        this.members = members;
        this.room = room;
        this.sink = sink;
        this.sends = sends;
    }

    /**
     * @param batchRecords whether every member asks for batch records, as the client library does by
     *     default (docs/PROTOCOL.md 10.5.1); false measures the one-record-per-message path
     * @param sends plain room messages, or each sent once with a send id as the reference clients do
     */
    public static ParleyRoom join(LoadClients clients, InetSocketAddress address, int count, FanoutSink sink,
            boolean batchRecords, RoomSends sends) {
        List<ParleyConnection> members = registered(clients, address, count);
        if (batchRecords) {
            List<CompletableFuture<ChatEvent.Answer>> optIns = new ArrayList<>();
            members.forEach(member -> optIns.add(member.acceptBatchRecords()));
            optIns.forEach(optIn -> {
                if (!(optIn.join() instanceof ChatEvent.Accepted)) {
                    throw new IllegalStateException("the server refused batch records: " + optIn.join());
                }
            });
        }
        String room = "fanout-" + Long.toString(System.nanoTime() % 1_000_000_007L, 36);
        expectJoined(members.getFirst().request(id -> new ChatRequest.CreateRoom(id, room, RoomVisibility.PUBLIC)).join());
        for (int start = 1; start < members.size(); start += IN_FLIGHT) {
            List<CompletableFuture<ChatEvent.Answer>> joins = new ArrayList<>();
            for (int i = start; i < Math.min(members.size(), start + IN_FLIGHT); i++) {
                joins.add(members.get(i).request(id -> new ChatRequest.JoinRoom(id, room)));
            }
            joins.forEach(join -> expectJoined(join.join()));
        }
        for (int i = 0; i < members.size(); i++) {
            int receiver = i;
            members.get(i).onLiveRoomMessage((message, offset, length, readNanos, serverMillis) ->
                    sink.received(receiver, message, offset, Math.min(length, FanoutSettings.MIN_SIZE), readNanos,
                            serverMillis));
            members.get(i).onAnswer(answer -> count(sink, answer));
        }
        return new ParleyRoom(members, room, sink, sends);
    }

    /** Counts an answer to a room message: refusals by code (server_busy: a room or lane bound; rate_limited: a connection's). */
    private static void count(FanoutSink sink, ChatEvent.Answer answer) {
        if (answer instanceof ChatEvent.Accepted) {
            sink.acknowledged();
        } else if (answer instanceof ChatEvent.Rejected rejected) {
            sink.refused(rejected.code().name().toLowerCase(Locale.ROOT));
        } else {
            sink.refused(answer.getClass().getSimpleName());
        }
    }

    /**
     * {@code count} connected clients, each registered as a new account and logged in; connected and
     * registered 64 at a time, so that no connection waits for its login longer than the server's login
     * timeout while thousands of others do their handshakes.
     */
    static List<ParleyConnection> registered(LoadClients clients, InetSocketAddress address, int count) {
        ScramVerifier verifier;
        try (SecretBytes password = Passwords.normalise(PASSWORD.toCharArray())) {
            verifier = ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, password, new SecureRandom());
        }
        String tag = Long.toString(System.nanoTime() % 1_000_000_007L, 36);
        List<ParleyConnection> members = new ArrayList<>(count);
        for (int start = 0; start < count; start += IN_FLIGHT) {
            List<ParleyConnection> batch = clients.parley(address, Preset.MODERN, Math.min(IN_FLIGHT, count - start), IN_FLIGHT);
            List<CompletableFuture<?>> logins = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                logins.add(batch.get(i).register("b" + tag + "m" + (start + i), verifier));
            }
            logins.forEach(CompletableFuture::join);
            members.addAll(batch);
        }
        return members;
    }

    private static void expectJoined(ChatEvent.Answer answer) {
        if (!(answer instanceof ChatEvent.JoinedRoom)) {
            throw new IllegalStateException("could not join the benchmark room: " + answer);
        }
    }

    /** The first {@code count} members as senders. */
    public List<RoomMember> senders(int count) {
        List<RoomMember> senders = new ArrayList<>();
        for (ParleyConnection member : members.subList(0, count)) {
            senders.add(new RoomMember() {
                @Override
                public EventLoop eventLoop() {
                    return member.channel().eventLoop();
                }

                @Override
                public void send(List<byte[]> bodies) {
                    int[] next = {0};
                    member.fire(bodies.size(), id -> sends.message(id, room, Bytes.wrapOwned(bodies.get(next[0]++))));
                }

                @Override
                public long unsentBytes() {
                    ChannelOutboundBuffer buffer = member.channel().unsafe().outboundBuffer();
                    return buffer == null ? -1 : buffer.totalPendingWriteBytes();
                }

                @Override
                public boolean answersEachMessage() {
                    return true; // Accepted once committed and durable, or Rejected (Messaging.sendRoom)
                }

                @Override
                public void onAnswer(Runnable listener) {
                    member.onAnswer(answer -> {
                        count(sink, answer);
                        listener.run();
                    });
                }
            });
        }
        return senders;
    }

    /**
     * Members whose connection has ended so far (the server closes a member that does not read its
     * outbound buffer in time as a slow reader: a ladder whose generator fell behind delivers to fewer
     * members after that, and its delivered fraction falls with it).
     */
    public long disconnected() {
        return members.stream().filter(member -> member.closed().isDone()).count();
    }

    @Override
    public void close() {
        members.forEach(ParleyConnection::close);
    }
}
