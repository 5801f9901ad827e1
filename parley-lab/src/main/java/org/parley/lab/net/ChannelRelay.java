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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.parley.crypto.Bytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
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

    private ChannelRelay(ServerSocket listener, InetSocketAddress upstream, UnaryOperator<Bytes> edit,
            SignatureComponent algorithm, SigningKey key) {
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
    public static ChannelRelay start(InetSocketAddress upstream, UnaryOperator<Bytes> edit) throws IOException {
        return start(upstream, edit, SignatureComponent.ED25519,
                SignatureAlgorithm.ED25519.create().generate(new SecureRandom()));
    }

    /** The same with the server identity {@code key} of {@code algorithm} (for example a borrowed public key). */
    public static ChannelRelay start(InetSocketAddress upstream, UnaryOperator<Bytes> edit, SignatureComponent algorithm,
            SigningKey key) throws IOException {
        ChannelRelay relay = new ChannelRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstream, edit,
                algorithm, key);
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
        private final SecureChannel towardsVictim = SecureChannel.server(ServerConfig.of(Preset.MODERN, credentials));
        private final SecureChannel towardsServer = SecureChannel.client(ClientConfig.of(Preset.MODERN, (alg, key) -> {
        }));
        private final List<Bytes> waiting = new ArrayList<>();

        Session(Socket victim, Socket server) {
            this.victim = victim;
            this.server = server;
        }

        synchronized void start() throws IOException {
            flush();
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
