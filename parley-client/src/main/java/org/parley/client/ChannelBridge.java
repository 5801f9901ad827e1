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
import org.parley.crypto.Bytes;
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

    private final SecureChannel secure;
    private final ConnectionCallbacks callbacks;
    private final FailureTranslator failures;
    private volatile Channel channel;
    private boolean closedByUs;
    private boolean reported;

    ChannelBridge(SecureChannel secure, ConnectionCallbacks callbacks, FailureTranslator failures) {
        this.secure = secure;
        this.callbacks = callbacks;
        this.failures = failures;
    }

    /** Sends one application message, from any thread. */
    void send(Bytes message) {
        channel.eventLoop().execute(() -> {
            if (secure.state() == SecureChannel.State.ESTABLISHED && channel.isActive() && !closedByUs) {
                secure.send(message);
                flushOutbound();
            }
        });
    }

    /** Sends close_notify, then closes the socket once it is written; from any thread. */
    void close() {
        channel.eventLoop().execute(() -> {
            if (closedByUs) {
                return;
            }
            closedByUs = true;
            secure.close();
            flushOutbound().addListener(ChannelFutureListener.CLOSE);
        });
    }

    /**
     * Fails the connection from the event loop (handshake deadline, connect failure, malformed
     * message): reports {@code cause}, sends close_notify if the channel is up, closes the socket.
     */
    void fail(ClientException cause) {
        report(cause);
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
                if (!reported) {
                    callbacks.onMessage(received.message());
                }
            }
            case ChannelEvent.PeerKeyUpdated updated -> LOG.debug("server updated its keys (requested: {})", updated.requested());
            case ChannelEvent.PeerClosed closed -> {
                closedByUs = true;
                secure.close();
                report(new ConnectionFailedException("the server closed the connection"));
                flushOutbound().addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (reported) {
            return;
        }
        if (closedByUs) {
            report(new ConnectionFailedException("closed by the client"));
            return;
        }
        try {
            secure.endOfInput();
            report(new ConnectionFailedException("the server closed the connection"));
        } catch (RecordException e) {
            report(failures.translate(e));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String why = cause instanceof IOException ? cause.getMessage() : cause.getClass().getSimpleName();
        LOG.debug("connection error: {}", why);
        report(new ConnectionFailedException("connection lost: " + why, cause));
        ctx.close();
    }

    private void report(ClientException cause) {
        if (!reported) {
            reported = true;
            callbacks.onClosed(cause);
        }
    }

    private ChannelFuture flushOutbound() {
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
