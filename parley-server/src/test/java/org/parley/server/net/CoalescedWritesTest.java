package org.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;

/**
 * {@link CoalescedWrites}: messages sealed straight into one pooled buffer, written at the flush,
 * in order with the frames the channel queued itself, and released if the connection closes first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoalescedWritesTest {
    private Connections connections;

    @BeforeAll
    void makeServerKeys() {
        connections = new Connections(TestCredentials.forAlgorithms("coalesced-writes-test", SignatureComponent.ED25519));
    }

    /** Drives CoalescedWrites as SecureChannelHandler does: seal on write, write at flush, fail on close. */
    private static final class Sealing extends ChannelOutboundHandlerAdapter {
        private final CoalescedWrites writes = new CoalescedWrites();
        private final SecureChannel secure;

        Sealing(SecureChannel secure) {
            this.secure = secure;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            writes.send(ctx, secure, (Bytes) msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            writes.write(ctx, secure.drainOutbound(), ctx.voidPromise());
            ctx.flush();
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            writes.failAll(ClosedChannelException::new);
            ctx.close(promise);
        }
    }

    private static List<Bytes> openAtPeer(SecureChannel peer, EmbeddedChannel channel) throws ParleyException {
        List<Bytes> messages = new ArrayList<>();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            try {
                messages.addAll(ChannelPair.messages(peer.receive(buf.nioBuffer())));
            } finally {
                buf.release();
            }
        }
        return messages;
    }

    @Test
    void messagesWrittenBeforeAFlushLeaveAsOneBufferThatThePeerOpensInOrder() throws ParleyException {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), "one buffer");
        EmbeddedChannel channel = new EmbeddedChannel(new Sealing(pair.server()));
        List<Bytes> messages = List.of(Bytes.utf8("first"), Bytes.utf8("第二"), Bytes.wrapOwned(new byte[20_000]));

        messages.forEach(channel::write);
        assertThat(channel.outboundMessages()).as("nothing leaves before the flush").isEmpty();
        channel.flush();

        assertThat(channel.outboundMessages()).hasSize(1);
        assertThat(openAtPeer(pair.client(), channel)).containsExactlyElementsOf(messages);
    }

    @Test
    void aKeyUpdateTheChannelQueuedItselfLeavesBetweenTheMessagesSealedBeforeAndAfterIt() throws ParleyException {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), "queued between");
        EmbeddedChannel channel = new EmbeddedChannel(new Sealing(pair.server()));

        channel.write(Bytes.utf8("under the first key"));
        pair.server().requestKeyUpdate();
        channel.write(Bytes.utf8("under the second key"));
        pair.server().requestKeyUpdate();
        channel.flush();

        assertThat(openAtPeer(pair.client(), channel)).containsExactly(Bytes.utf8("under the first key"), Bytes.utf8("under the second key"));
        assertThat(pair.client().keyUpdatesReceived()).isEqualTo(2);
    }

    @Test
    void aMessagesPromiseCompletesWhenItsFlushIsWrittenNotBefore() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), "promise");
        EmbeddedChannel channel = new EmbeddedChannel(new Sealing(pair.server()));

        ChannelFuture written = channel.write(Bytes.utf8("hello"));
        assertThat(written.isDone()).isFalse();
        channel.flush();

        assertThat(written.isSuccess()).isTrue();
        channel.<ByteBuf>readOutbound().release();
    }

    @Test
    void closingBeforeTheFlushReleasesTheSealedBufferAndFailsTheMessages() {
        ChannelPair pair = connections.established(Preset.MODERN.preferences(), RecordLimits.defaults(), "close");
        UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);
        EmbeddedChannel channel = new EmbeddedChannel(new Sealing(pair.server()));
        channel.config().setAllocator(allocator);

        ChannelFuture written = channel.write(Bytes.utf8("never written"));
        assertThat(allocator.metric().usedHeapMemory()).isPositive();
        channel.close();

        assertThat(written.cause()).isInstanceOf(ClosedChannelException.class);
        assertThat(allocator.metric().usedHeapMemory()).isZero();
        assertThat(channel.outboundMessages()).isEmpty();
    }
}
