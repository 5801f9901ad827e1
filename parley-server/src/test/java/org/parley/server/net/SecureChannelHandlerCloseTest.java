package org.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.TrustOnFirstUse;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.testing.InsecureDeterministicRandom;
import org.parley.protocol.testing.TestCredentials;
import org.parley.server.chat.RequestRate;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;
import org.parley.server.metrics.ServerMetrics;

/**
 * A connection the server ends itself (a failed login, the idle timeout, a shutdown, a slow reader):
 * close_notify wipes only the sending key, and the server reads nothing after it, so once the socket
 * is gone the channel's receiving key must be wiped too, not left to garbage collection
 * (docs/SECURITY.md).
 */
class SecureChannelHandlerCloseTest {
    private final Queue<Runnable> steps = new ArrayDeque<>();
    private final SecureChannel client = SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(),
            new TrustOnFirstUse(new InMemoryPinStore(), "test", fingerprint -> true),
            new InsecureDeterministicRandom("close client"), RecordLimits.defaults()));
    private final Wire wire = new Wire();
    private final SecureChannel serverChannel = SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(),
            TestCredentials.forAlgorithms("close-test", SignatureComponent.ED25519),
            new InsecureDeterministicRandom("close server"), RecordLimits.defaults()));
    private final EmbeddedChannel server = new EmbeddedChannel(wire, new SecureChannelHandler(serverChannel,
            new SecureChannelPolicy(steps::add, new HandshakeAdmission(new RequestRate(10, 10), new RequestRate(10, 10),
                    Clock.systemUTC(), new AuditLog()), new RequestRate(10, 10), Clock.systemUTC(), ServerMetrics.off()),
            new ConsoleLog(false), new AuditLog()));

    private void establish() throws Exception {
        server.writeInbound(frames(client.drainOutbound()));
        steps.poll().run();
        server.runPendingTasks();
        client.receive(wire.bytes.nioBuffer());
        wire.bytes.clear();
        server.writeInbound(frames(client.drainOutbound()));
        assertThat(serverChannel.state()).isEqualTo(SecureChannel.State.ESTABLISHED);
    }

    @Test
    void aGracefulCloseByTheServerWipesTheReceivingKeyOnceTheSocketIsGone() throws Exception {
        establish();

        server.pipeline().writeAndFlush(new CloseGracefully("authentication failed"));
        server.runPendingTasks();

        assertThat(wire.bytes.readableBytes()).as("close_notify sent").isPositive();
        assertThat(server.isOpen()).isFalse();
        assertThat(serverChannel.state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void aTransportErrorAfterTheHandshakeWipesBothKeys() throws Exception {
        establish();

        server.pipeline().fireExceptionCaught(new java.io.IOException("connection reset"));
        server.runPendingTasks();

        assertThat(server.isOpen()).isFalse();
        assertThat(serverChannel.state()).isEqualTo(SecureChannel.State.FAILED);
    }

    /** Stands for the socket: keeps what is written. */
    private static final class Wire extends ChannelOutboundHandlerAdapter {
        final ByteBuf bytes = Unpooled.buffer();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ByteBuf buf = (ByteBuf) msg;
            bytes.writeBytes(buf);
            buf.release();
            promise.trySuccess();
        }
    }

    private static ByteBuf frames(List<Bytes> frames) {
        ByteBuf all = Unpooled.buffer();
        frames.forEach(frame -> all.writeBytes(frame.toByteArray()));
        return all;
    }
}
