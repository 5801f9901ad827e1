package org.parley.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;

/**
 * The handshake steps of one {@link SecureChannelHandler}'s connection: until the server has answered
 * the ClientHello, each read is one step run on the {@link HandshakePool}, the first after a token
 * from the {@link HandshakeAdmission}; reads that arrive while a step runs are held here, in order.
 * What a finished step produced is applied by the handler, on the event loop
 * ({@code SecureChannelHandler.stepFinished}).
 *
 * <p>Event loop only, except {@link #receiveOffLoop}, the only code touching the channel while a step
 * {@linkplain #running() runs}.
 */
final class HandshakeSteps {
    private final SecureChannel channel;
    private final SecureChannelPolicy policy;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>(2); // reads held during a handshake step: rarely more than one
    private boolean admitted;
    /** A pool step produced the server's flight: the rest of the handshake runs on the event loop. */
    private boolean helloAnswered;
    private boolean running;
    private int reads;
    private long bytes;
    private int finished;

    HandshakeSteps(SecureChannel channel, SecureChannelPolicy policy) {
        this.channel = channel;
        this.policy = policy;
    }

    /** Whether {@code channel}'s next read is a step on the pool: it is handshaking and the ClientHello is not answered yet. */
    boolean nextReadIsStep() {
        return channel.state() == SecureChannel.State.HANDSHAKING && !helloAnswered;
    }

    /** Counts {@code buf} as a handshake read and, on the first, asks the admission for a token. */
    Optional<HandshakeAdmission.Refusal> admit(ByteBuf buf, InetAddress remote) {
        reads++;
        bytes += buf.readableBytes();
        if (!admitted) {
            Optional<HandshakeAdmission.Refusal> refusal = policy.admission().tryAdmit(remote);
            if (refusal.isPresent()) {
                return refusal;
            }
            admitted = true;
        }
        return Optional.empty();
    }

    /**
     * Starts a step on {@code buf} (released here) with auto-read off; {@code handler} applies its
     * result on the event loop.
     *
     * @return false if the pool refused the step (full or stopped); auto-read stays off then
     */
    boolean start(ChannelHandlerContext ctx, ByteBuf buf, SecureChannelHandler handler) {
        ByteBuffer input = ByteBuffer.wrap(ByteBufUtil.getBytes(buf));
        ReferenceCountUtil.release(buf);
        running = true;
        ctx.channel().config().setAutoRead(false);
        try {
            CompletableFuture.supplyAsync(() -> receiveOffLoop(input), policy.handshakePool())
                    .whenComplete((events, error) -> handBack(ctx, handler, events, error));
            return true;
        } catch (RejectedExecutionException e) {
            running = false;
            return false;
        }
    }

    /**
     * Hands a finished step back to the event loop, whose {@code stepFinished} applies it, or wipes
     * its handshake if that loop has stopped (on server stop the workers stop before the handshake
     * pool): then {@code stepFinished} never runs, and this is the last chance to wipe.
     */
    private void handBack(ChannelHandlerContext ctx, SecureChannelHandler handler, List<ChannelEvent> events, Throwable error) {
        try {
            ctx.executor().execute(() -> handler.stepFinished(ctx, events, error));
        } catch (RejectedExecutionException stopped) {
            // The loop is gone and never touches the channel while a step runs ({@link #running()} stays
            // true: only stepFinished clears it), so this pool thread is now its only owner. Closing wipes
            // the handshake's secrets; what it queued is dropped: its socket was closed with its loop.
            channel.close();
            channel.drainOutbound();
        }
    }

    /** Runs on the handshake pool: the only code touching the channel while {@link #running()}. */
    private List<ChannelEvent> receiveOffLoop(ByteBuffer input) {
        try {
            return channel.receive(input);
        } catch (ParleyException e) {
            throw new CompletionException(e);
        }
    }

    /** The running step finished; back on the event loop. */
    void finished() {
        running = false;
        finished++;
    }

    /** The finished step's frames were {@code flight}: once there are any, the ClientHello is answered. */
    void flightWritten(boolean flight) {
        helloAnswered |= flight;
    }

    /** Whether a step runs on the pool now: the pool thread owns the channel meanwhile. */
    boolean running() {
        return running;
    }

    /** Whether a read must wait here: a step runs, or earlier reads wait. */
    boolean mustHold() {
        return running || !held.isEmpty();
    }

    void hold(ByteBuf buf) {
        held.add(buf);
    }

    /** The oldest held read, or null. */
    ByteBuf nextHeld() {
        return held.poll();
    }

    boolean hasHeld() {
        return !held.isEmpty();
    }

    void releaseHeld() {
        ByteBuf buf;
        while ((buf = held.poll()) != null) {
            ReferenceCountUtil.release(buf);
        }
    }

    /** See {@link SecureChannelHandler#handshakeProgress()}. */
    String progress() {
        return reads + " reads of " + bytes + " bytes, " + finished + " steps finished"
                + (held.isEmpty() ? "" : ", " + held.size() + " reads held")
                // While a step runs the pool thread owns the channel: its state is not read then.
                + (running ? ", a step still running" : ", channel " + channel.state());
    }
}
