package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.parley.crypto.Bytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.PublicKeyLoginSigner;
import org.parley.protocol.auth.Register;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.ChannelReceiver;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatEventType;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;

/**
 * One benchmark client connection to a Parley server, straight on the protocol: the client
 * {@link SecureChannel} in a Netty handler, no threads of its own. Thousands share one event loop,
 * which is what keeps the load generator cheaper than the server it measures.
 *
 * <p>Everything here runs on the channel's event loop; the public methods hop onto it. Requests
 * that want their answer use {@link #request}; a sender that fires thousands of messages uses
 * {@link #fire}, and their answers go to the answer listener instead of a future each.
 *
 * <p>The server's key is accepted without pinning: the benchmark starts the server itself, on loopback.
 */
public final class ParleyConnection extends ChannelInboundHandlerAdapter {
    private static final int ROOM_MESSAGE = ChatEventType.ROOM_MESSAGE.code();
    private final SecureChannel secure;
    private final CompletableFuture<ParleyConnection> established = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<ChatEvent.Answer>> pending = new HashMap<>();
    private CompletableFuture<AuthSucceeded> login;
    private volatile String loginName;
    private Channel channel;
    private boolean chatPhase;
    private long nextRequestId;
    private volatile Consumer<ChatEvent.Push> pushes = push -> { };
    private volatile Consumer<ChatEvent.Answer> answers = answer -> { };
    private volatile LiveRoomMessageListener liveRoomMessages;
    private final Receiver receiver = new Receiver();
    /** When the socket read being handled returned. */
    private long readNanos;

    public ParleyConnection(Preset preset, SecureRandom random) {
        this.secure = SecureChannel.client(new ClientConfig(preset.preferences(), (algorithm, key) -> { },
                random, RecordLimits.defaults()));
    }

    /** Completes once the handshake did; fails if the connection ended first. */
    public CompletableFuture<ParleyConnection> established() {
        return established;
    }

    /** Completes with the reason when the connection ends. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    public void onPush(Consumer<ChatEvent.Push> listener) {
        this.pushes = listener;
    }

    /**
     * Sends every live room message's body to {@code listener} instead of a {@link ChatEvent.RoomMessage}
     * to the push listener: the event is checked as fully as by {@link ChatCodec#decodeEvent} but not
     * built ({@link RoomMessageReader}), which is what a fan-out receiver needs. History room messages
     * and every other event still go to the push and answer listeners, decoded fully.
     */
    public void onLiveRoomMessage(LiveRoomMessageListener listener) {
        this.liveRoomMessages = listener;
    }

    /** Receives the answers to {@link #fire fired} requests. */
    public void onAnswer(Consumer<ChatEvent.Answer> listener) {
        this.answers = listener;
    }

    /** Registers {@code user} with a precomputed verifier (no PBKDF2 per connection) and logs in as it. */
    public CompletableFuture<AuthSucceeded> register(String user, ScramVerifier verifier) {
        CompletableFuture<AuthSucceeded> result = new CompletableFuture<>();
        loginName = user;
        channel.eventLoop().execute(() -> {
            login = result;
            secure.send(AuthCodec.encode(new Register(user, verifier, Optional.empty())));
            flush();
        });
        return result;
    }

    /** Logs in as {@code user} by signing this connection's channel binding with a registered login key. */
    public CompletableFuture<AuthSucceeded> loginWithKey(String user, SigningKey key, SecureRandom random) {
        CompletableFuture<AuthSucceeded> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            login = result;
            Bytes binding = secure.session().orElseThrow().channelBinding();
            secure.send(AuthCodec.encode(PublicKeyLoginSigner.sign(user, key, binding, random)));
            flush();
        });
        return result;
    }

    /** Sends a request and completes with its answer (which may be {@link ChatEvent.Rejected}). */
    public CompletableFuture<ChatEvent.Answer> request(LongFunction<ChatRequest> build) {
        CompletableFuture<ChatEvent.Answer> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            long id = ++nextRequestId;
            pending.put(id, result);
            secure.send(ChatCodec.encode(build.apply(id)));
            flush();
        });
        return result;
    }

    /**
     * Sends {@code count} requests in one write, without futures; call on this connection's event loop
     * ({@link #channel()}{@code .eventLoop()}). Their answers go to {@link #onAnswer}.
     */
    public void fire(int count, LongFunction<ChatRequest> build) {
        if (!channel.isActive()) {
            return;
        }
        for (int i = 0; i < count; i++) {
            secure.send(ChatCodec.encode(build.apply(++nextRequestId)));
        }
        flush();
    }

    /**
     * Accepts batch records from now on and asks the server for them (docs/PROTOCOL.md 10.5.1), as
     * the client library does after login; completes with the server's answer.
     */
    public CompletableFuture<ChatEvent.Answer> acceptBatchRecords() {
        channel.eventLoop().execute(secure::acceptBatchRecords);
        return request(id -> new ChatRequest.SetDeliveryOptions(id, ChatRequest.SetDeliveryOptions.ACCEPT_BATCH_RECORDS));
    }

    /** The account name this connection registered, or null. */
    public String loginName() {
        return loginName;
    }

    public Channel channel() {
        return channel;
    }

    public void close() {
        if (channel != null) {
            channel.eventLoop().execute(() -> {
                if (secure.state() == SecureChannel.State.ESTABLISHED) {
                    secure.close();
                    flush();
                }
                channel.close();
            });
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        flush();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        readNanos = System.nanoTime(); // once per read, as ReadClock does for the peers' receivers
        try {
            secure.receive(buf.nioBuffer(), receiver);
            flush();
        } catch (ParleyException | RuntimeException e) {
            end(e.getClass().getSimpleName());
            ctx.close();
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end("connection closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end(cause.getClass().getSimpleName());
        ctx.close();
    }

    /**
     * What the channel reads, in order: each message where it lies in the channel's reused array
     * ({@link SecureChannel#receive(java.nio.ByteBuffer, ChannelReceiver)}), so a live room message
     * costs no copy and no allocation; anything decoded fully is copied out first.
     */
    private final class Receiver implements ChannelReceiver {
        @Override
        public void message(byte[] array, int offset, int length) throws ParleyException {
            if (!chatPhase) {
                auth(AuthCodec.decode(Bytes.copyOf(array, offset, length)));
            } else if (!readLiveRoomMessage(array, offset, length)) {
                chat(ChatCodec.decodeEvent(Bytes.copyOf(array, offset, length)));
            }
        }

        @Override
        public void event(ChannelEvent event) {
            switch (event) {
                case ChannelEvent.HandshakeCompleted completed -> established.complete(ParleyConnection.this);
                case ChannelEvent.MessageReceived received -> throw new IllegalStateException("messages come to message()");
                case ChannelEvent.PeerKeyUpdated updated -> { }
                case ChannelEvent.PeerClosed peerClosed -> end("server closed the session");
            }
        }
    }

    /** Hands a live room message to the lean listener, if there is one; false when it must be decoded fully. */
    private boolean readLiveRoomMessage(byte[] array, int offset, int length) throws WireFormatException {
        LiveRoomMessageListener listener = liveRoomMessages;
        if (listener == null || length == 0 || (array[offset] & 0xff) != ROOM_MESSAGE) {
            return false;
        }
        int body = RoomMessageReader.bodyOffset(array, offset, length);
        if (array[offset + length - 1] != 0) {
            return false; // a history message: decoded fully, for the push listener
        }
        listener.received(array, body, offset + length - 1 - body, readNanos, timestampMillis(array, offset));
        return true;
    }

    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * The {@code timestamp_ms} of the RoomMessage event at {@code offset}, which {@link RoomMessageReader}
     * already checked: after the type byte, the room name (a length byte and the name) and the id (8 bytes).
     */
    static long timestampMillis(byte[] event, int offset) {
        int roomLength = event[offset + 1] & 0xff;
        return (long) BIG_ENDIAN_LONG.get(event, offset + 2 + roomLength + 8);
    }

    private void auth(AuthMessage message) {
        if (message instanceof AuthSucceeded succeeded) {
            chatPhase = true;
            login.complete(succeeded);
        } else if (login != null) {
            login.completeExceptionally(new IllegalStateException("login refused: " + message.getClass().getSimpleName()));
        }
    }

    private void chat(ChatEvent event) {
        switch (event) {
            case ChatEvent.Answer answer -> {
                CompletableFuture<ChatEvent.Answer> waiting = pending.remove(answer.requestId());
                if (waiting != null) {
                    waiting.complete(answer);
                } else {
                    answers.accept(answer);
                }
            }
            case ChatEvent.Push push -> pushes.accept(push);
        }
    }

    private void flush() {
        List<Bytes> frames = secure.drainOutbound();
        if (frames.isEmpty() || channel == null) {
            return;
        }
        int size = 0;
        for (Bytes frame : frames) {
            size += frame.length();
        }
        ByteBuf out = channel.alloc().ioBuffer(size);
        for (Bytes frame : frames) {
            out.writeBytes(frame.asReadOnlyBuffer());
        }
        channel.writeAndFlush(out, channel.voidPromise());
    }

    private void end(String reason) {
        IllegalStateException failure = new IllegalStateException(reason);
        established.completeExceptionally(failure);
        if (login != null) {
            login.completeExceptionally(failure);
        }
        pending.values().forEach(f -> f.completeExceptionally(failure));
        pending.clear();
        closed.complete(reason);
    }
}
