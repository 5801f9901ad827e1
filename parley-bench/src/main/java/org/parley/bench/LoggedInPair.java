package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.AuthMethod;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A benchmark {@link ParleyConnection} in an {@link EmbeddedChannel} facing a server {@link SecureChannel}
 * in memory, handshake done, logged in and accepting batch records (MODERN): what
 * {@link ReceiverCostMain} and the connection's tests feed records to, without sockets, threads or a
 * server process. The server side does not run the server's logic: it answers the login with
 * AuthSucceeded and otherwise sends what it is given.
 */
final class LoggedInPair {
    private final ParleyConnection connection;
    private final SecureChannel server;
    private final EmbeddedChannel channel;

    LoggedInPair() throws ParleyException {
        SecureRandom random = new SecureRandom();
        connection = new ParleyConnection(Preset.MODERN, random);
        server = SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(), new ServerCredentials(Map.of(
                SignatureComponent.ED25519, SignatureAlgorithm.ED25519.create().generate(random))), random,
                RecordLimits.defaults()));
        channel = new EmbeddedChannel(connection);
        pump();
        ScramVerifier verifier;
        try (SecretBytes password = Passwords.normalise(ParleyRoom.PASSWORD.toCharArray())) {
            verifier = ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, password, random);
        }
        connection.register("receiver", verifier);
        channel.runPendingTasks();
        pump();
        server.send(AuthCodec.encode(new AuthSucceeded("receiver", AuthMethod.SCRAM_SHA_256)));
        pump();
        connection.acceptBatchRecords();
        channel.runPendingTasks();
        pump();
        if (!connection.established().isDone() || channel.readOutbound() != null) {
            throw new IllegalStateException("the in-memory login did not complete");
        }
    }

    ParleyConnection connection() {
        return connection;
    }

    /** The server's side of the channel: seal messages with it, then {@link #read} them. */
    SecureChannel server() {
        return server;
    }

    /** Whether the connection's channel is still open (a connection that read bad input closes it). */
    boolean open() {
        return channel.isOpen();
    }

    /** Hands {@code input} to the connection as one socket read. */
    void read(ByteBuf input) {
        channel.writeInbound(input);
    }

    /** Sends whatever the server side has queued to the connection, as one read per frame. */
    void flushServer() {
        for (Bytes frame : server.drainOutbound()) {
            read(Unpooled.wrappedBuffer(frame.toByteArray()));
        }
    }

    /** Moves the handshake's and the login's frames between the two sides until both are quiet. */
    private void pump() throws ParleyException {
        for (int i = 0; i < 10; i++) {
            ByteBuf out;
            while ((out = channel.readOutbound()) != null) {
                server.receive(out.nioBuffer());
                out.release();
            }
            flushServer();
        }
    }
}
