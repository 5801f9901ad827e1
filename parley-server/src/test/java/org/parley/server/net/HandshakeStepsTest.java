package org.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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
import org.parley.server.metrics.ServerMetrics;

/**
 * {@link HandshakeSteps}' bookkeeping: the admission asked once per connection, the reads held and counted,
 * and a step whose event loop is gone wiped where it ran.
 */
class HandshakeStepsTest {
    private static final InetAddress PEER = InetAddress.getLoopbackAddress();

    private final Queue<Runnable> pool = new ArrayDeque<>();
    /** One handshake per address and per server, and a clock that never refills the buckets. */
    private final HandshakeAdmission admission = new HandshakeAdmission(new RequestRate(1, 1), new RequestRate(1, 1),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new AuditLog());
    private final SecureChannelPolicy policy = new SecureChannelPolicy(pool::add, admission, new RequestRate(10, 10),
            Clock.systemUTC(), ServerMetrics.off());

    @Test
    void aConnectionAsksTheAdmissionOnlyOnItsFirstRead() {
        HandshakeSteps steps = new HandshakeSteps(serverChannel(), policy);

        assertThat(steps.admit(read(10), PEER)).isEmpty();
        assertThat(steps.admit(read(10), PEER)).isEmpty();
        assertThat(new HandshakeSteps(serverChannel(), policy).admit(read(10), PEER))
                .as("a second connection finds the bucket empty").isPresent();
    }

    @Test
    void progressCountsEveryReadWithItsBytesAndTheReadsHeld() {
        HandshakeSteps steps = new HandshakeSteps(serverChannel(), policy);
        steps.admit(read(10), PEER);
        steps.admit(read(5), PEER);

        steps.hold(read(7));

        assertThat(steps.mustHold()).isTrue();
        assertThat(steps.progress()).isEqualTo("2 reads of 15 bytes, 0 steps finished, 1 reads held, channel HANDSHAKING");
    }

    @Test
    void heldReadsComeBackInOrderAndTheRestAreReleased() {
        HandshakeSteps steps = new HandshakeSteps(serverChannel(), policy);
        ByteBuf first = read(1);
        ByteBuf second = read(2);
        ByteBuf third = read(3);
        steps.hold(first);
        steps.hold(second);
        steps.hold(third);

        ByteBuf next = steps.nextHeld();
        steps.releaseHeld();

        assertThat(next).isSameAs(first);
        assertThat(first.refCnt()).as("handed back, still the caller's").isEqualTo(1);
        assertThat(second.refCnt()).isZero();
        assertThat(third.refCnt()).isZero();
        assertThat(steps.hasHeld()).isFalse();
        assertThat(steps.mustHold()).isFalse();
        first.release();
    }

    @Test
    void aStepFinishingAfterItsEventLoopStoppedWipesTheHandshakeOnThePoolThread() throws Exception {
        SecureChannel server = serverChannel();
        HandshakeSteps steps = new HandshakeSteps(server, policy);
        EmbeddedChannel socket = new EmbeddedChannel();
        DefaultEventExecutorGroup loop = new DefaultEventExecutorGroup(1);
        socket.pipeline().addLast(loop, "loop", new ChannelInboundHandlerAdapter());
        ChannelHandlerContext ctx = socket.pipeline().context("loop");
        SecureChannel client = SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(),
                new TrustOnFirstUse(new InMemoryPinStore(), "test", fingerprint -> true),
                new InsecureDeterministicRandom("steps client"), RecordLimits.defaults()));
        ByteBuf clientHello = Unpooled.wrappedBuffer(client.drainOutbound().getFirst().toByteArray());

        // No handler: its stepFinished cannot run on a stopped loop.
        assertThat(steps.start(ctx, clientHello, null)).isTrue();
        // Server stop: the connection's event loop ends before the handshake pool runs the step.
        assertThat(loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool).hasSize(1);
        pool.poll().run();

        assertThat(server.state()).as("the handshake the step advanced is wiped, though stepFinished never runs")
                .isEqualTo(SecureChannel.State.FAILED);
        assertThat(server.drainOutbound()).as("nothing left queued for a socket that is gone").isEmpty();
        // The embedded socket holds nothing (the ClientHello was released by start) and is not closed:
        // its handler's executor has terminated.
    }

    private static SecureChannel serverChannel() {
        return SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(),
                TestCredentials.forAlgorithms("steps-test", SignatureComponent.ED25519),
                new InsecureDeterministicRandom("steps server"), RecordLimits.defaults()));
    }

    private static ByteBuf read(int bytes) {
        return Unpooled.wrappedBuffer(new byte[bytes]);
    }
}
