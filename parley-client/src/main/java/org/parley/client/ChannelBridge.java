package org.parley.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's only Netty handler: bytes from the socket go into the {@link SecureChannel}, the
 * frames it queues go back out (one flush per batch), and what it reports goes to the
 * {@link ConnectionCallbacks}.
 *
 * <p>The SecureChannel is not thread-safe, so every call on it happens on this channel's event
 * loop; {@link #send} and {@link #close} hop there from any thread. Any protocol failure sends
 * the channel's alert, closes the socket and reports the failure once.
 */
final class ChannelBridge extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelBridge.class);

    private static final long CLOSE_GRACE_MILLIS = 2_000;

    private final SecureChannel secure;
    private final ConnectionCallbacks callbacks;
    private final FailureTranslator failures;
    private volatile Channel channel;
    private volatile KeyUpdates keyUpdates = KeyUpdates.NONE;
    private volatile long batchRecordsReceived;
    private boolean closedByUs;
    private boolean reported;
    private boolean holding;

    ChannelBridge(SecureChannel secure, ConnectionCallbacks callbacks, FailureTranslator failures) {
        this.secure = secure;
        this.callbacks = callbacks;
        this.failures = failures;
    }

    /** Sends one application message, from any thread. */
    void send(Bytes message) {
        onEventLoop(() -> {
            if (secure.state() == SecureChannel.State.ESTABLISHED && channel.isActive() && !closedByUs) {
                secure.send(message);
                flushOutbound();
            }
        });
    }

    /** The key-update counts as of the last operation on the channel; from any thread. */
    /** Batch records received as of the last operation on the channel; from any thread. */
    long batchRecordsReceived() {
        return batchRecordsReceived;
    }

    KeyUpdates keyUpdates() {
        return keyUpdates;
    }

    /**
     * Ratchets the sending key now and asks the server to ratchet its own, from any thread; the
     * future completes on the event loop with the counts after our update (the server's answer
     * arrives later and is reported through {@link ConnectionCallbacks#onKeysUpdated}).
     */
    CompletableFuture<KeyUpdates> updateKeys() {
        CompletableFuture<KeyUpdates> result = new CompletableFuture<>();
        boolean queued = onEventLoop(() -> {
            if (secure.state() != SecureChannel.State.ESTABLISHED || !channel.isActive() || closedByUs) {
                result.completeExceptionally(new ConnectionFailedException("not connected"));
                return;
            }
            secure.requestKeyUpdate();
            flushOutbound();
            result.complete(keyUpdates);
        });
        if (!queued) {
            result.completeExceptionally(new ConnectionFailedException("not connected"));
        }
        return result;
    }

    /** Sends close_notify, then closes the socket when the server has closed (or after a grace period); from any thread. */
    void close() {
        onEventLoop(() -> {
            if (closedByUs) {
                return;
            }
            closedByUs = true;
            if (secure.state() != SecureChannel.State.ESTABLISHED || holding) {
                if (holding) {
                    discardHeld();
                }
                flushOutbound().addListener(ChannelFutureListener.CLOSE);
                return;
            }
            secure.close();
            flushOutbound();
            // The server answers close_notify with its own and closes; closing only then avoids a
            // reset that would discard our close_notify. A server that does not answer is cut off.
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    /**
     * Holds back every outbound frame (the client's Finished) until {@link #release}: the handshake
     * waits for the user's first-contact answer. Event loop only, from {@link ConnectionCallbacks#onEstablished}.
     */
    void hold() {
        holding = true;
    }

    /**
     * Ends a {@link #hold()}, from any thread: {@code send} sends what was held and runs
     * {@code then} on the event loop; otherwise the held frames are discarded and the connection
     * fails with {@code refusal}, so the server never sees our Finished.
     */
    void release(boolean send, Runnable then, ClientException refusal) {
        onEventLoop(() -> {
            if (!holding || reported) {
                return;
            }
            if (send) {
                // Still holding while then runs: if it fails the connection, what was held is discarded unsent.
                then.run();
                if (reported) {
                    return;
                }
                holding = false;
                flushOutbound();
            } else {
                discardHeld();
                report(refusal);
                closedByUs = true;
                channel.close();
            }
        });
    }

    /** Runs {@code task} on the event loop; false if the connection has no event loop (any more). */
    boolean onEventLoop(Runnable task) {
        Channel current = channel;
        if (current == null) {
            return false;
        }
        try {
            current.eventLoop().execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            // The connection already ended and its end was reported; pending futures have failed.
            LOG.debug("connection already closed");
            return false;
        }
    }

    /**
     * Fails the connection from the event loop (handshake deadline, connect failure, malformed
     * message): reports {@code cause}, sends close_notify if the channel is up, closes the socket.
     */
    void fail(ClientException cause) {
        report(cause);
        if (holding) {
            // Our Finished was never sent: nothing may go out now, not even close_notify.
            discardHeld();
            closedByUs = true;
            channel.close();
            return;
        }
        if (!closedByUs) {
            closedByUs = true;
            secure.close();
        }
        flushOutbound().addListener(ChannelFutureListener.CLOSE);
    }

    /** The Netty channel, once registered. */
    Channel channel() {
        return channel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        flushOutbound();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buffer = (ByteBuf) msg;
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
        if (reported) {
            return;
        }
        try {
            List<ChannelEvent> events = secure.receive(ByteBuffer.wrap(bytes));
            for (ChannelEvent event : events) {
                handle(event);
            }
            flushOutbound();
        } catch (ParleyException | RuntimeException e) {
            LOG.debug("channel failed: {}", e.getMessage());
            report(failures.translate(e));
            flushOutbound().addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void handle(ChannelEvent event) {
        switch (event) {
            case ChannelEvent.HandshakeCompleted done -> callbacks.onEstablished(done.session());
            case ChannelEvent.MessageReceived received -> {
                if (!reported && !closedByUs) {
                    callbacks.onMessage(received.message());
                }
            }
            case ChannelEvent.PeerKeyUpdated updated -> {
                LOG.debug("server updated its keys (requested: {})", updated.requested());
                publishKeyUpdates();
            }
            case ChannelEvent.PeerClosed closed -> {
                report(new ConnectionFailedException(closedByUs ? "closed by the client" : "the server closed the connection"));
                closedByUs = true;
                secure.close();
                flushOutbound().addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        try {
            reportInactive();
        } finally {
            wipeRemainingKeys();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // The channel is deregistered; it may never have become active (a failed connect).
        wipeRemainingKeys();
    }

    private void reportInactive() {
        boolean wasHolding = holding;
        if (holding) {
            // The socket ended (the server's deadline, a reset) with our Finished still held.
            discardHeld();
        }
        if (reported) {
            return;
        }
        if (closedByUs) {
            report(new ConnectionFailedException("closed by the client"));
            return;
        }
        if (wasHolding) {
            report(new ConnectionFailedException("the server closed the connection before the first-contact question was"
                    + " answered (its handshake deadline passed)"));
            return;
        }
        endOfStream(new ConnectionFailedException("the server closed the connection"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String why = cause instanceof IOException ? cause.getMessage() : cause.getClass().getSimpleName();
        LOG.debug("connection error: {}", why);
        ConnectionFailedException lost = new ConnectionFailedException("connection lost: " + why, cause);
        if (cause instanceof IOException && !reported && !closedByUs && !holding) {
            // A reset (RST) ends the stream without close_notify just as a bare FIN does: both are
            // truncations of an established channel (PROTOCOL.md §10.8), whichever the cutter chose.
            endOfStream(lost);
        } else {
            report(lost);
        }
        ctx.close();
    }

    /** The byte stream ended: a truncation unless close_notify came first, else {@code otherwise}. */
    private void endOfStream(ClientException otherwise) {
        try {
            secure.endOfInput();
            report(otherwise);
        } catch (RecordException e) {
            report(failures.translate(e));
        }
    }

    /**
     * Ends a {@link #hold()} without sending: our side of the channel is already ESTABLISHED, so it is
     * aborted, which wipes its application traffic keys now rather than at garbage collection
     * (docs/SECURITY.md), and everything it queued, our Finished and the abort's alert, is dropped
     * unsent: the server must see nothing from a connection whose Finished was held. Event loop only.
     */
    private void discardHeld() {
        holding = false;
        secure.abort(Alert.UNTRUSTED_SERVER_KEY);
        secure.drainOutbound();
    }

    /**
     * The socket is gone, so nothing more can be read or sent: whatever keys the channel still holds are
     * wiped now rather than at garbage collection (docs/SECURITY.md). After our own close_notify that
     * is the receiving key, kept until then for the server's close_notify, which a server cut off by the
     * grace timer or ending the socket without it never sent; during the handshake, its key shares and
     * secrets. Aborting queues no byte after our close_notify, and whatever it queues is dropped unsent.
     * A channel FAILED, or CLOSED by the server's close_notify (answered by our close()), holds none.
     * Event loop only.
     */
    private void wipeRemainingKeys() {
        SecureChannel.State state = secure.state();
        if (state == SecureChannel.State.HANDSHAKING || state == SecureChannel.State.ESTABLISHED) {
            secure.abort(Alert.INTERNAL_ERROR);
            secure.drainOutbound();
        }
    }

    private void report(ClientException cause) {
        if (!reported) {
            reported = true;
            callbacks.onClosed(cause);
        }
    }

    /** Publishes the channel's counts for other threads, and reports them if they changed. Event loop only. */
    private void publishKeyUpdates() {
        // Runs after every send and receive: compare the counts first, allocate only on a change.
        KeyUpdates last = keyUpdates;
        if (secure.keyUpdatesSent() != last.sent() || secure.keyUpdatesReceived() != last.received()) {
            KeyUpdates now = new KeyUpdates(secure.keyUpdatesSent(), secure.keyUpdatesReceived());
            keyUpdates = now;
            if (!reported) {
                callbacks.onKeysUpdated(now);
            }
        }
    }

    private ChannelFuture flushOutbound() {
        // Every send and receive ends here, so this is where a key update (ours, automatic or
        // requested, or the answer to the server's request) becomes visible.
        publishKeyUpdates();
        batchRecordsReceived = secure.batchRecordsReceived();
        if (holding) {
            return channel.newSucceededFuture();
        }
        List<Bytes> frames = secure.drainOutbound();
        if (frames.isEmpty() || !channel.isActive()) {
            return channel.newSucceededFuture();
        }
        ChannelFuture last = null;
        for (Bytes frame : frames) {
            last = channel.write(Unpooled.wrappedBuffer(frame.toByteArray()));
        }
        channel.flush();
        return last;
    }
}
