package org.parley.lab.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.parley.crypto.Bytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.client.InsecureKeyLogFile;
import org.parley.protocol.handshake.InsecureSecretLog;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A machine in the middle that terminates Parley on both sides: towards the victim it is a Parley
 * server with its own Ed25519 key (the victim must accept that key, which only a first-contact
 * user who does not compare fingerprints does); towards the real server it is a Parley client. It
 * decrypts every application message from either side, lets {@code edit} change what the victim
 * sends, and re-encrypts it on the other connection. This is the relay that channel binding
 * defeats: the two connections have different channel bindings.
 */
public final class ChannelRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final ServerCredentials credentials;
    private final UnaryOperator<Bytes> edit;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Fingerprint fingerprint;
    private final Optional<InsecureKeyLogFile> keyLog;

    private ChannelRelay(ServerSocket listener, InetSocketAddress upstream, UnaryOperator<Bytes> edit,
            SignatureComponent algorithm, SigningKey key, Optional<InsecureKeyLogFile> keyLog) {
        this.keyLog = keyLog;
        this.listener = listener;
        this.upstream = upstream;
        this.edit = edit;
        this.credentials = new ServerCredentials(Map.of(algorithm, key));
        this.fingerprint = Fingerprint.of(algorithm, key.publicKey());
    }

    /**
     * Listens on a loopback port with a fresh Ed25519 key of its own; every connection is relayed to
     * {@code upstream}, victim messages through {@code edit}.
     */
    public static ChannelRelay start(InetSocketAddress upstream, UnaryOperator<Bytes> edit, Optional<InsecureKeyLogFile> keyLog)
            throws IOException {
        return start(upstream, edit, SignatureComponent.ED25519,
                SignatureAlgorithm.ED25519.create().generate(new SecureRandom()), keyLog);
    }

    /**
     * The same with the server identity {@code key} of {@code algorithm} (for example a borrowed
     * public key); the secrets of both sides of every relayed connection go to {@code keyLog}.
     */
    public static ChannelRelay start(InetSocketAddress upstream, UnaryOperator<Bytes> edit, SignatureComponent algorithm,
            SigningKey key, Optional<InsecureKeyLogFile> keyLog) throws IOException {
        ChannelRelay relay = new ChannelRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstream, edit,
                algorithm, key, keyLog);
        relay.threads.execute(relay::acceptLoop);
        return relay;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** The relay's own server key, which the victim is shown. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket victim = listener.accept();
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                sockets.add(victim);
                sockets.add(server);
                Session session = new Session(victim, server);
                session.start();
                threads.execute(() -> session.pump(true));
                threads.execute(() -> session.pump(false));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The two channels of one relayed connection, both used under one lock. */
    private final class Session {
        private final Socket victim;
        private final Socket server;
        private final InsecureSecretLog victimLog;
        private final InsecureSecretLog serverLog;
        private final SecureChannel towardsVictim;
        private final SecureChannel towardsServer;
        private final List<Bytes> waiting = new ArrayList<>();
        private boolean victimRandomSeen;

        Session(Socket victim, Socket server) {
            this.victim = victim;
            this.server = server;
            this.victimLog = keyLog.<InsecureSecretLog>map(InsecureKeyLogFile::connection).orElse(InsecureSecretLog.NONE);
            this.serverLog = keyLog.<InsecureSecretLog>map(InsecureKeyLogFile::connection).orElse(InsecureSecretLog.NONE);
            this.towardsVictim = SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(), credentials,
                    new SecureRandom(), RecordLimits.defaults(), victimLog));
            this.towardsServer = SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), (alg, key) -> {
            }, new SecureRandom(), RecordLimits.defaults(), serverLog));
        }

        synchronized void start() throws IOException {
            List<Bytes> hello = towardsServer.drainOutbound();
            nameConnection(serverLog, hello.getFirst());
            write(server, hello);
        }

        /** Gives a connection's key log the ClientHello random in {@code frame} (the lab's own ClientHello or the victim's). */
        private void nameConnection(InsecureSecretLog log, Bytes frame) {
            if (log instanceof InsecureKeyLogFile.Connection connection) {
                connection.clientHelloFrame(frame);
            }
        }

        void pump(boolean fromVictim) {
            Socket from = fromVictim ? victim : server;
            byte[] buffer = new byte[16_384];
            try {
                InputStream in = from.getInputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received(fromVictim, ByteBuffer.wrap(buffer, 0, n));
                }
            } catch (IOException | ParleyException e) {
                // The relay's job ends with either connection.
            }
            closeBoth();
        }

        private synchronized void received(boolean fromVictim, ByteBuffer bytes) throws ParleyException, IOException {
            SecureChannel channel = fromVictim ? towardsVictim : towardsServer;
            if (fromVictim && !victimRandomSeen && bytes.remaining() >= FrameEdits.CLIENT_HELLO_RANDOM + 32) {
                victimRandomSeen = true; // the victim's first read holds its ClientHello (1,390 bytes, one write)
                nameConnection(victimLog, Bytes.copyOf(bytes.duplicate()));
            }
            try {
                for (ChannelEvent event : channel.receive(bytes)) {
                    switch (event) {
                        case ChannelEvent.MessageReceived m when fromVictim -> forwardToServer(edit.apply(m.message()));
                        case ChannelEvent.MessageReceived m -> towardsVictim.send(m.message());
                        case ChannelEvent.HandshakeCompleted h when !fromVictim -> {
                            waiting.forEach(towardsServer::send);
                            waiting.clear();
                        }
                        case ChannelEvent.HandshakeCompleted h -> {
                        }
                        case ChannelEvent.PeerKeyUpdated k -> {
                        }
                        case ChannelEvent.PeerClosed c -> (fromVictim ? towardsServer : towardsVictim).close();
                    }
                }
            } finally {
                flush();
            }
        }

        private void forwardToServer(Bytes message) {
            if (towardsServer.state() == SecureChannel.State.ESTABLISHED) {
                towardsServer.send(message);
            } else {
                waiting.add(message);
            }
        }

        private void flush() throws IOException {
            write(victim, towardsVictim.drainOutbound());
            write(server, towardsServer.drainOutbound());
        }

        private void write(Socket socket, List<Bytes> frames) throws IOException {
            OutputStream out = socket.getOutputStream();
            for (Bytes frame : frames) {
                out.write(frame.toByteArray());
            }
            out.flush();
        }

        private void closeBoth() {
            closeQuietly(victim);
            closeQuietly(server);
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(ChannelRelay::closeQuietly);
        threads.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing on the way out: nothing to report.
        }
    }
}
