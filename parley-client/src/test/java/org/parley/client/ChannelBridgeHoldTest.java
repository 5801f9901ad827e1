package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.channel.SessionInfo;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;

/**
 * A connection whose client Finished is held for the first-contact question and then ends without
 * it (the user said no, or pinning failed): the client channel, already ESTABLISHED on our side,
 * must be failed so its application traffic keys are wiped now, and not one byte may leave.
 */
class ChannelBridgeHoldTest {
    private final Connections connections = new Connections(TestCredentials.all("bridge-hold"));

    private static final class Recorder implements ConnectionCallbacks {
        ChannelBridge bridge;
        final List<ClientException> closed = new ArrayList<>();

        @Override
        public void onEstablished(SessionInfo session) {
            bridge.hold();
        }

        @Override
        public void onMessage(Bytes message) {
        }

        @Override
        public void onKeysUpdated(KeyUpdates counts) {
        }

        @Override
        public void onClosed(ClientException cause) {
            closed.add(cause);
        }
    }

    private record Held(SecureChannel client, ChannelBridge bridge, EmbeddedChannel socket, Recorder callbacks) {
    }

    /** Runs the handshake through a bridge on an embedded socket up to the held client Finished. */
    private Held heldAfterHandshake(String seed) throws Exception {
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(), RecordLimits.defaults(), seed);
        Recorder callbacks = new Recorder();
        ChannelBridge bridge = new ChannelBridge(pair.client(), callbacks,
                new FailureTranslator(new PinningVerifier(new InMemoryPinStore(), "test")));
        callbacks.bridge = bridge;
        EmbeddedChannel socket = new EmbeddedChannel(bridge);
        for (int round = 0; round < 4 && pair.client().state() == SecureChannel.State.HANDSHAKING; round++) {
            ByteBuf toServer;
            while ((toServer = socket.readOutbound()) != null) {
                try {
                    pair.server().receive(ByteBuffer.wrap(ByteBufUtil.getBytes(toServer)));
                } finally {
                    toServer.release();
                }
            }
            for (Bytes frame : pair.server().drainOutbound()) {
                socket.writeInbound(Unpooled.wrappedBuffer(frame.toByteArray()));
            }
        }
        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat((Object) socket.readOutbound()).as("the client Finished is held").isNull();
        return new Held(pair.client(), bridge, socket, callbacks);
    }

    @Test
    void aRefusedFirstContactWipesTheChannelKeysAndSendsNothing() throws Exception {
        Held held = heldAfterHandshake("refused");

        held.bridge().release(false, () -> { }, new ConnectionFailedException("refused"));
        held.socket().runPendingTasks();

        assertThat(held.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat((Object) held.socket().readOutbound()).as("nothing sent after the refusal").isNull();
        assertThat(held.socket().isOpen()).isFalse();
        assertThat(held.callbacks().closed).hasSize(1);
    }

    @Test
    void aFailureWhileHoldingWipesTheChannelKeysAndSendsNothing() throws Exception {
        Held held = heldAfterHandshake("failed");

        held.bridge().fail(new ConnectionFailedException("pin could not be written"));
        held.socket().runPendingTasks();

        assertThat(held.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat((Object) held.socket().readOutbound()).as("nothing sent after the failure").isNull();
        assertThat(held.socket().isOpen()).isFalse();
        assertThat(held.callbacks().closed).hasSize(1);
    }

    @Test
    void aSocketEndingWhileHoldingWipesTheChannelKeys() throws Exception {
        Held held = heldAfterHandshake("ended");

        held.socket().close(); // the server's handshake deadline passed: it closed the socket
        held.socket().runPendingTasks();

        assertThat(held.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat((Object) held.socket().readOutbound()).as("nothing sent").isNull();
        assertThat(held.callbacks().closed).singleElement()
                .satisfies(cause -> assertThat(cause.getMessage()).contains("before the first-contact question was answered"));
    }
}
