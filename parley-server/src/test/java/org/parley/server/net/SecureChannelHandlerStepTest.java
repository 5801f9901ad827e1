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
import org.parley.protocol.channel.ChannelEvent;
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
 * {@link SecureChannelHandler} while a handshake step runs on the pool: the pool thread owns the
 * channel, so nothing on the event loop (a flush, the end of a read batch) may take its frames.
 */
class SecureChannelHandlerStepTest {
    /** A handshake pool that runs nothing until the test says so. */
    private final Queue<Runnable> steps = new ArrayDeque<>();
    private final SecureChannel client = SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(),
            new TrustOnFirstUse(new InMemoryPinStore(), "test", fingerprint -> true),
            new InsecureDeterministicRandom("step client"), RecordLimits.defaults()));
    private final Wire wire = new Wire();
    private final SecureChannel serverChannel = SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(),
            TestCredentials.forAlgorithms("step-test", SignatureComponent.ED25519),
            new InsecureDeterministicRandom("step server"), RecordLimits.defaults()));
    private final EmbeddedChannel server = new EmbeddedChannel(wire, new SecureChannelHandler(serverChannel,
            new SecureChannelPolicy(steps::add, new HandshakeAdmission(new RequestRate(10, 10), new RequestRate(10, 10),
                    Clock.systemUTC(), new AuditLog()), new RequestRate(10, 10), Clock.systemUTC(), ServerMetrics.off()),
            new ConsoleLog(false), new AuditLog()));

    @Test
    void theEndOfAReadBatchWhileTheStepRunsWritesNothingAndTheWholeFlightGoesOutWhenTheStepFinished() throws Exception {
        server.writeInbound(frames(client.drainOutbound()));
        assertThat(steps).hasSize(1);

        steps.poll().run(); // the pool thread computes the flight; its result waits for the event loop
        server.pipeline().fireChannelReadComplete();
        int writtenBeforeTheStepFinished = wire.bytes.readableBytes();
        server.runPendingTasks();
        List<ChannelEvent> atTheClient = client.receive(wire.bytes.nioBuffer());

        assertThat(writtenBeforeTheStepFinished).isZero();
        assertThat(atTheClient).hasAtLeastOneElementOfType(ChannelEvent.HandshakeCompleted.class);
        assertThat(client.state()).isEqualTo(SecureChannel.State.ESTABLISHED);
    }

    /**
     * The connection ends (peer reset, handshake deadline, shutdown) while the step runs: the event
     * loop leaves the channel to the pool thread then, and once the step's result is back on the
     * event loop it is discarded and the handshake it advanced is wiped, not left holding its keys.
     */
    @Test
    void aStepThatFinishesAfterTheConnectionClosedIsDiscardedAndItsHandshakeWiped() {
        server.writeInbound(frames(client.drainOutbound()));
        assertThat(steps).hasSize(1);

        server.close(); // on the event loop, while the step is queued: the channel is not touched now
        steps.poll().run();
        server.runPendingTasks();

        assertThat(wire.bytes.readableBytes()).isZero();
        assertThat(serverChannel.state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(serverChannel.drainOutbound()).isEmpty();
    }

    /**
     * Stands for the socket: keeps what is written and swallows flushes, so that no flush reaches
     * the embedded channel, which would run the event loop's pending tasks (the step's result) first.
     */
    private static final class Wire extends ChannelOutboundHandlerAdapter {
        final ByteBuf bytes = Unpooled.buffer();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ByteBuf buf = (ByteBuf) msg;
            bytes.writeBytes(buf);
            buf.release();
            promise.trySuccess();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
        }
    }

    private static ByteBuf frames(List<Bytes> frames) {
        ByteBuf all = Unpooled.buffer();
        frames.forEach(frame -> all.writeBytes(frame.toByteArray()));
        return all;
    }
}
