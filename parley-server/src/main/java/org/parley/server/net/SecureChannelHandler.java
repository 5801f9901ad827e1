package org.parley.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;
import org.parley.server.chat.TokenBucket;
import org.parley.server.metrics.RateBucket;

/**
 * Runs the protocol module's {@link SecureChannel} state machine on a connection: bytes in are fed
 * to it, whole application messages ({@link Bytes}) go up the pipeline, messages written down are
 * sealed, and every frame the channel queues is written out in order.
 *
 * <p><b>Handshake off the event loop</b> ({@link HandshakeSteps}). Until the server has answered the
 * ClientHello, each read is one step run on the {@link HandshakePool} (key exchange and signing are
 * the expensive part of a connection); reads that arrive meanwhile are held, in order, with auto-read
 * off, and the step's result is applied back on the event loop before them. The channel is thus driven by one thread
 * at a time and the event loop never waits. The first step takes a token from the
 * {@link HandshakeAdmission}; over the rate, the connection gets {@code limit_exceeded}. Once a step
 * has produced the server's flight, the public-key work is done: what remains (opening the client's
 * Finished, one HMAC comparison, the application keys) costs about what opening a chat record
 * does, so later reads are fed to the channel here, on the event loop, without a second round
 * trip through the pool (issue 13: one hand-off fewer per connection).
 *
 * <p>Writes are coalesced: a message written down is sealed at once into one pooled buffer, which
 * waits for the next flush and then carries every frame sealed since the last one in one write; frames
 * produced while reading a batch are flushed once, in {@link #channelReadComplete}. After any
 * flush, a connection whose unsent data still exceeds the outbound limit (the channel is
 * unwritable), or whose chat events queued faster than it reads ({@link OutboundOverflow}), is a
 * slow reader and is disconnected.
 *
 * <p><b>Security.</b> A protocol error sends the channel's alert and closes this connection only;
 * after it, input is dropped unread. KeyUpdates from the peer take tokens from this connection's
 * bucket; over it, the channel is aborted with {@code limit_exceeded}. The end of the TCP stream
 * without close_notify is reported to the channel as truncation.
 */
final class SecureChannelHandler extends ChannelDuplexHandler {
    /** How long a closing connection's last frames may wait for a peer that does not read them. */
    static final long CLOSE_GRACE_MILLIS = 5_000;
    private final SecureChannel channel;
    private final SecureChannelPolicy policy;
    private final TokenBucket keyUpdates;
    private final ConsoleLog console;
    private final AuditLog audit;
    private final HandshakeSteps steps;
    private final CoalescedWrites writes = new CoalescedWrites();
    private boolean done;

    SecureChannelHandler(SecureChannel channel, SecureChannelPolicy policy, ConsoleLog console, AuditLog audit) {
        this.channel = channel;
        this.policy = policy;
        this.keyUpdates = new TokenBucket(policy.keyUpdateRate(), policy.clock().millis());
        this.steps = new HandshakeSteps(channel, policy);
        this.console = console;
        this.audit = audit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        if (done) {
            ReferenceCountUtil.release(buf);
        } else if (steps.mustHold()) {
            steps.hold(buf);
        } else {
            receive(ctx, buf);
        }
    }

    /** Feeds one read to the channel: off the loop until the ClientHello is answered, else here. Releases {@code buf}. */
    private void receive(ChannelHandlerContext ctx, ByteBuf buf) {
        if (steps.nextReadIsStep()) {
            startStep(ctx, buf);
            return;
        }
        List<ChannelEvent> events;
        try {
            events = channel.receive(nioBuffer(buf));
        } catch (ParleyException e) {
            fail(ctx, e);
            return;
        } finally {
            ReferenceCountUtil.release(buf);
        }
        apply(ctx, events);
    }

    private void startStep(ChannelHandlerContext ctx, ByteBuf buf) {
        Optional<HandshakeAdmission.Refusal> refusal = steps.admit(buf, remoteAddress(ctx));
        if (refusal.isPresent()) {
            ReferenceCountUtil.release(buf);
            refuse(ctx, refusal.get());
        } else if (!steps.start(ctx, buf, this)) {
            done = true;
            console.disconnected(ctx.channel().remoteAddress(), null, "handshake pool full or stopped");
            ctx.close();
        }
    }

    /** A handshake step finished ({@link HandshakeSteps#start}): applies its result, then the reads held meanwhile. */
    void stepFinished(ChannelHandlerContext ctx, List<ChannelEvent> events, Throwable error) {
        steps.finished();
        if (done) {
            // The connection ended while the step ran: its result is discarded, and the handshake it
            // advanced is wiped now that the channel is back on this thread (a close sends nothing then).
            channel.close();
            steps.releaseHeld();
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ParleyException e) {
                fail(ctx, e);
            } else {
                console.warn("handshake step failed", cause);
                done = true;
                writeDrained(ctx, ctx.voidPromise());
                closeOnceFlushed(ctx);
            }
            steps.releaseHeld();
            return;
        }
        // A server handshake writes nothing before its whole flight (ServerHello to Finished), and the
        // flight is produced by the step that completes the ClientHello: anything queued now is it.
        List<Bytes> flight = channel.drainOutbound();
        steps.flightWritten(!flight.isEmpty());
        writes.write(ctx, flight, ctx.voidPromise());
        apply(ctx, events);
        while (!done && !steps.running() && steps.hasHeld()) {
            receive(ctx, steps.nextHeld());
        }
        if (done) {
            steps.releaseHeld();
        } else if (!steps.running()) {
            ctx.channel().config().setAutoRead(true);
        }
        flush(ctx);
    }

    /** Checks the KeyUpdate budget, writes what the channel queued, then passes the events on. */
    private void apply(ChannelHandlerContext ctx, List<ChannelEvent> events) {
        long now = policy.clock().millis();
        for (ChannelEvent event : events) {
            if (event instanceof ChannelEvent.PeerKeyUpdated && !keyUpdates.tryTake(now)) {
                keyUpdatesExceeded(ctx);
                return;
            }
        }
        writeDrained(ctx, ctx.voidPromise());
        for (ChannelEvent event : events) {
            dispatch(ctx, event);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, ChannelEvent event) {
        switch (event) {
            case ChannelEvent.HandshakeCompleted completed -> {
                console.established(ctx.channel().remoteAddress(), completed.session().suite());
                ctx.pipeline().fireUserEventTriggered(new ChannelEstablished(completed.session()));
            }
            case ChannelEvent.MessageReceived received -> {
                if (!done) {
                    ctx.fireChannelRead(received.message());
                }
            }
            case ChannelEvent.PeerKeyUpdated updated -> writeDrained(ctx, ctx.voidPromise());
            case ChannelEvent.PeerClosed closed -> closeGracefully(ctx, "peer sent close_notify");
        }
    }

    /**
     * How far the handshake got, for the log line of a connection whose handshake deadline passed:
     * counts only, nothing of the bytes themselves. Event loop only.
     */
    String handshakeProgress() {
        return steps.progress();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        switch (msg) {
            case Bytes message when !done && !steps.running() -> {
                try {
                    writes.send(ctx, channel, message, promise);
                } catch (IllegalStateException e) {
                    promise.setFailure(e);
                    return;
                } catch (IllegalArgumentException e) {
                    // Larger than the channel's message limit: a server bug, not the peer's fault; keep the connection.
                    console.warn("dropped an outbound message of " + message.length() + " bytes", e);
                    promise.setFailure(e);
                    return;
                }
                // Sealed now into the pending buffer, written at the next flush with everything else queued by then.
            }
            case OutboundBatch batch when !done && !steps.running() -> {
                try {
                    writes.sendAll(ctx, channel, batch.messages(), promise);
                } catch (IllegalStateException e) {
                    promise.setFailure(e);
                } catch (IllegalArgumentException e) {
                    console.warn("dropped " + batch.messages().size() + " outbound messages, one of them too long", e);
                    promise.setFailure(e);
                }
            }
            case CloseGracefully close -> {
                promise.setSuccess();
                closeGracefully(ctx, close.reason());
            }
            default -> {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new IllegalStateException("channel closed"));
            }
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writeDrained(ctx, ctx.voidPromise());
        ctx.flush();
        if (!done && ctx.channel().isActive() && !ctx.channel().isWritable()) {
            slowReader(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof OutboundOverflow) {
            if (!done) {
                slowReader(ctx);
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** More is queued for this connection than its outbound limit: disconnect it so it holds up nobody. */
    private void slowReader(ChannelHandlerContext ctx) {
        done = true;
        console.disconnected(ctx.channel().remoteAddress(), null, "slow reader: outbound buffer limit exceeded");
        audit.record("slow_reader_disconnected", Map.of("remote", String.valueOf(ctx.channel().remoteAddress())));
        writes.failAll(() -> new IllegalStateException("channel closed: slow reader"));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!done) {
            done = true;
            try {
                // While a step runs, the pool thread owns the channel; the truncation is then not reported.
                if (!steps.running()) {
                    channel.endOfInput();
                }
            } catch (RecordException e) {
                console.disconnected(ctx.channel().remoteAddress(), null, "connection ended without close_notify");
            }
        }
        if (!steps.running()) {
            wipeRemainingKeys();
        }
        steps.releaseHeld();
        writes.failAll(java.nio.channels.ClosedChannelException::new);
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        steps.releaseHeld();
        writes.failAll(java.nio.channels.ClosedChannelException::new);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        console.disconnected(ctx.channel().remoteAddress(), null, "transport error: " + cause.getClass().getSimpleName());
        done = true;
        ctx.close();
    }

    private void fail(ChannelHandlerContext ctx, ParleyException e) {
        done = true;
        console.disconnected(ctx.channel().remoteAddress(), null, "protocol error, alert " + e.alert() + ": " + e.getMessage());
        audit.record("protocol_error", Map.of("remote", String.valueOf(ctx.channel().remoteAddress()),
                "alert", e.alert().name()));
        abortWith(ctx, Optional.empty());
    }

    /** Over the handshake rate: limit_exceeded in plaintext (no step ran, so no key exists), then close. */
    private void refuse(ChannelHandlerContext ctx, HandshakeAdmission.Refusal refusal) {
        done = true;
        policy.metrics().rateLimited(refusal.bucket());
        if (refusal.firstOfBurst()) {
            console.refused(ctx.channel().remoteAddress(), refusal.why());
        }
        abortWith(ctx, Optional.of(Alert.LIMIT_EXCEEDED));
    }

    private void keyUpdatesExceeded(ChannelHandlerContext ctx) {
        done = true;
        policy.metrics().rateLimited(RateBucket.KEY_UPDATE);
        console.disconnected(ctx.channel().remoteAddress(), null, "KeyUpdate rate exceeded");
        audit.record("key_update_rate_exceeded", Map.of("remote", String.valueOf(ctx.channel().remoteAddress())));
        abortWith(ctx, Optional.of(Alert.LIMIT_EXCEEDED));
    }

    /**
     * The socket is gone: whatever keys the channel still holds are wiped now rather than at garbage
     * collection (docs/SECURITY.md). After the server's own close_notify (a failed login, the idle
     * timeout, a shutdown) that is the receiving key, since nothing is read after it, not even the
     * client's answer; after a transport error or a slow reader's disconnection, both keys. Aborting
     * sends nothing more: the socket is closed and what it queues is dropped. A step still running on
     * the handshake pool owns the channel and wipes the handshake itself ({@link #stepFinished}).
     */
    private void wipeRemainingKeys() {
        SecureChannel.State state = channel.state();
        if (state == SecureChannel.State.HANDSHAKING || state == SecureChannel.State.ESTABLISHED) {
            channel.abort(Alert.INTERNAL_ERROR);
            channel.drainOutbound();
        }
    }

    /** Queues {@code alert} if given (else the channel's own failure alert is already queued), sends everything, closes. */
    private void abortWith(ChannelHandlerContext ctx, Optional<Alert> alert) {
        alert.ifPresent(channel::abort);
        writeDrained(ctx, ctx.voidPromise());
        closeOnceFlushed(ctx);
    }

    private void closeGracefully(ChannelHandlerContext ctx, String reason) {
        if (done) {
            return;
        }
        done = true;
        if (steps.running()) {
            // The pool thread owns the channel and there are no keys to send close_notify under yet.
            ctx.close();
            return;
        }
        channel.close();
        writeDrained(ctx, ctx.voidPromise());
        closeOnceFlushed(ctx);
    }

    /**
     * Closes the connection once everything written so far has left (its last frames: an alert or
     * close_notify), or after {@link #CLOSE_GRACE_MILLIS} if the peer does not read them: the flush of a
     * peer that stopped reading never completes, and this handler and the session above it are
     * closing, so nothing else would close it (neither the idle timeout nor the slow-reader check,
     * which counts only what passes the outbound limit), and its session would stay online.
     */
    private void closeOnceFlushed(ChannelHandlerContext ctx) {
        ChannelFuture flushed = ctx.writeAndFlush(Unpooled.EMPTY_BUFFER);
        flushed.addListener(ChannelFutureListener.CLOSE);
        if (flushed.isDone()) {
            return;
        }
        ScheduledFuture<?> cutOff = ctx.executor().schedule(() -> {
            if (ctx.channel().isOpen()) {
                console.disconnected(ctx.channel().remoteAddress(), null,
                        "did not read its last frames within " + CLOSE_GRACE_MILLIS + " ms");
                ctx.close();
            }
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(closed -> cutOff.cancel(false));
    }

    /**
     * Writes every queued frame as one buffer ({@link CoalescedWrites}); {@code promise} completes with it.
     * While a handshake step runs, the pool thread owns the channel and is adding its flight to the
     * queue: draining it then from here would race that thread and could lose frames, so the step's
     * frames are written when it finished ({@link #stepFinished}).
     */
    private void writeDrained(ChannelHandlerContext ctx, ChannelPromise promise) {
        writes.write(ctx, steps.running() ? List.of() : channel.drainOutbound(), promise);
    }

    private static ByteBuffer nioBuffer(ByteBuf buf) {
        return buf.nioBufferCount() == 1 ? buf.nioBuffer() : ByteBuffer.wrap(ByteBufUtil.getBytes(buf));
    }

    /** The peer's IP address; a transport without one (an in-memory test channel) counts as loopback. */
    private static InetAddress remoteAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress()
                : InetAddress.getLoopbackAddress();
    }
}
