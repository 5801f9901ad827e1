package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.channel.SessionInfo;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.TestCredentials;

/**
 * A connection the client closes itself: once the socket is gone, whether the server answered
 * close_notify or not, the client channel holds no key any more. close() wipes only the sending
 * key; the receiving key (kept to read the server's close_notify) and, during the handshake, the
 * handshake's secrets must be wiped when the connection ends, not left to garbage collection
 * (docs/SECURITY.md).
 */
class ChannelBridgeCloseTest {
    private final Connections connections = new Connections(TestCredentials.all("bridge-close"));

    private static final class Recorder implements ConnectionCallbacks {
        final List<ClientException> closed = new ArrayList<>();

        @Override
        public void onEstablished(SessionInfo session) {
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

    private record Bridged(ChannelPair pair, ChannelBridge bridge, EmbeddedChannel socket, Recorder callbacks) {
        SecureChannel client() {
            return pair.client();
        }

        /** Hands everything the client wrote to the server channel, and everything it queued back. */
        void exchange() throws ParleyException {
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
    }

    private Bridged bridged(String seed) {
        ChannelPair pair = connections.pair(Preset.MODERN.preferences(), Preset.MODERN.preferences(), RecordLimits.defaults(), seed);
        Recorder callbacks = new Recorder();
        ChannelBridge bridge = new ChannelBridge(pair.client(), callbacks,
                new FailureTranslator(new PinningVerifier(new InMemoryPinStore(), "test")));
        return new Bridged(pair, bridge, new EmbeddedChannel(bridge), callbacks);
    }

    private Bridged established(String seed) throws ParleyException {
        Bridged bridged = bridged(seed);
        for (int round = 0; round < 4 && bridged.pair().server().state() == SecureChannel.State.HANDSHAKING; round++) {
            bridged.exchange();
        }
        assertThat(bridged.client().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(bridged.pair().server().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        return bridged;
    }

    /** Our close_notify leaves, and the server reads it, but the server never answers with its own. */
    private static void closeUnanswered(Bridged bridged) throws ParleyException {
        bridged.bridge().close();
        bridged.socket().runPendingTasks();
        ByteBuf closeNotify = bridged.socket().readOutbound();
        assertThat(closeNotify).as("our close_notify was sent").isNotNull();
        try {
            bridged.pair().server().receive(ByteBuffer.wrap(ByteBufUtil.getBytes(closeNotify)));
        } finally {
            closeNotify.release();
        }
        assertThat(bridged.socket().isOpen()).as("the socket waits for the server's answer").isTrue();
    }

    @Test
    void theGraceTimerClosingAnUnansweredCloseWipesTheReceivingKeys() throws Exception {
        Bridged bridged = established("grace");
        closeUnanswered(bridged);

        bridged.socket().advanceTimeBy(1, TimeUnit.MINUTES);
        bridged.socket().runScheduledPendingTasks();
        bridged.socket().runPendingTasks();

        assertThat(bridged.socket().isOpen()).isFalse();
        assertThat(bridged.client().state()).as("no key left once the socket is closed").isEqualTo(SecureChannel.State.FAILED);
        assertThat((Object) bridged.socket().readOutbound()).as("nothing sent after close_notify").isNull();
        assertThat(bridged.callbacks().closed).singleElement()
                .satisfies(cause -> assertThat(cause.getMessage()).contains("closed by the client"));
    }

    @Test
    void theServerEndingTheSocketWithoutCloseNotifyAfterOursWipesTheReceivingKeys() throws Exception {
        Bridged bridged = established("fin");
        closeUnanswered(bridged);

        bridged.socket().close(); // the server closed its end without sending close_notify
        bridged.socket().runPendingTasks();

        assertThat(bridged.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(bridged.callbacks().closed).singleElement()
                .satisfies(cause -> assertThat(cause.getMessage()).contains("closed by the client"));
    }

    @Test
    void aCloseDuringTheHandshakeWipesTheHandshakeSecrets() throws Exception {
        Bridged bridged = bridged("handshaking");
        // The ClientHello is out: the client holds its ephemeral key shares until the server's flight.
        assertThat((Object) bridged.socket().readOutbound()).isNotNull();
        assertThat(bridged.client().state()).isEqualTo(SecureChannel.State.HANDSHAKING);

        bridged.bridge().close();
        bridged.socket().runPendingTasks();

        assertThat(bridged.socket().isOpen()).isFalse();
        assertThat(bridged.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(bridged.callbacks().closed).singleElement()
                .satisfies(cause -> assertThat(cause.getMessage()).contains("closed by the client"));
    }

    @Test
    void aServerAnsweringCloseNotifyStillEndsWithEveryKeyWiped() throws Exception {
        Bridged bridged = established("answered");
        bridged.bridge().close();
        bridged.socket().runPendingTasks();

        bridged.exchange(); // the server reads our close_notify
        bridged.pair().server().close(); // and answers with its own
        bridged.exchange();
        bridged.socket().runPendingTasks();

        assertThat(bridged.socket().isOpen()).isFalse();
        assertThat(bridged.client().state()).isIn(SecureChannel.State.CLOSED, SecureChannel.State.FAILED);
        assertThat(bridged.callbacks().closed).singleElement()
                .satisfies(cause -> assertThat(cause.getMessage()).contains("closed by the client"));
    }
}
