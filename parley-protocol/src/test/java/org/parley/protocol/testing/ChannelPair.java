package org.parley.protocol.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;

/**
 * A client and a server channel wired back to back in memory. Frames can be tampered with on
 * the way, like a man in the middle would, and failures are captured per side.
 */
public final class ChannelPair {
    private final SecureChannel client;
    private final SecureChannel server;
    private final List<ChannelEvent> clientEvents = new ArrayList<>();
    private final List<ChannelEvent> serverEvents = new ArrayList<>();
    private final List<Bytes> framesToServer = new ArrayList<>();
    private final List<Bytes> framesToClient = new ArrayList<>();
    private UnaryOperator<List<Bytes>> toServerTamper = UnaryOperator.identity();
    private UnaryOperator<List<Bytes>> toClientTamper = UnaryOperator.identity();
    private ParleyException clientFailure;
    private ParleyException serverFailure;

    public ChannelPair(SecureChannel client, SecureChannel server) {
        this.client = client;
        this.server = server;
    }

    /** Rewrites each batch of frames the client sends before the server sees it. */
    public ChannelPair tamperToServer(UnaryOperator<List<Bytes>> tamper) {
        this.toServerTamper = tamper;
        return this;
    }

    /** Rewrites each batch of frames the server sends before the client sees it. */
    public ChannelPair tamperToClient(UnaryOperator<List<Bytes>> tamper) {
        this.toClientTamper = tamper;
        return this;
    }

    /** Moves frames both ways until neither side has anything to send. */
    public ChannelPair pump() {
        for (int round = 0; round < 1000; round++) {
            List<Bytes> toServer = client.drainOutbound();
            List<Bytes> toClient = server.drainOutbound();
            if (toServer.isEmpty() && toClient.isEmpty()) {
                return this;
            }
            toServer = toServerTamper.apply(toServer);
            toClient = toClientTamper.apply(toClient);
            framesToServer.addAll(toServer);
            framesToClient.addAll(toClient);
            deliver(toServer, server, serverEvents, true);
            deliver(toClient, client, clientEvents, false);
        }
        throw new IllegalStateException("channels did not settle");
    }

    private void deliver(List<Bytes> frames, SecureChannel to, List<ChannelEvent> events, boolean toServer) {
        for (Bytes frame : frames) {
            if (to.state() == SecureChannel.State.FAILED) {
                return;
            }
            try {
                events.addAll(to.receive(ByteBuffer.wrap(frame.toByteArray())));
            } catch (ParleyException e) {
                if (toServer) {
                    serverFailure = e;
                } else {
                    clientFailure = e;
                }
            }
        }
    }

    public SecureChannel client() {
        return client;
    }

    public SecureChannel server() {
        return server;
    }

    public List<ChannelEvent> clientEvents() {
        return clientEvents;
    }

    public List<ChannelEvent> serverEvents() {
        return serverEvents;
    }

    /** Every frame the server received, after tampering. */
    public List<Bytes> framesToServer() {
        return framesToServer;
    }

    /** Every frame the client received, after tampering. */
    public List<Bytes> framesToClient() {
        return framesToClient;
    }

    public ParleyException clientFailure() {
        return clientFailure;
    }

    public ParleyException serverFailure() {
        return serverFailure;
    }

    /** The application messages one side received, in order. */
    public static List<Bytes> messages(List<ChannelEvent> events) {
        return events.stream()
                .filter(ChannelEvent.MessageReceived.class::isInstance)
                .map(e -> ((ChannelEvent.MessageReceived) e).message())
                .toList();
    }
}
