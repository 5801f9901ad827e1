package org.parley.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.Register;
import org.parley.protocol.auth.ScramClient;
import org.parley.protocol.auth.ScramClientStep;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;

/**
 * A minimal blocking test client: a socket, the protocol's client {@link SecureChannel}, the auth
 * and chat codecs, and a reader thread that records every event. Waits use Awaitility.
 */
public final class TestClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Socket socket;
    private final OutputStream out;
    private final SecureChannel channel;
    private final List<AuthMessage> authMessages = new CopyOnWriteArrayList<>();
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private volatile java.util.function.Consumer<ChatEvent> listener = event -> { };
    private volatile boolean keepEvents = true;
    private volatile boolean established;
    private volatile boolean chatPhase;
    private volatile String closedReason;
    private volatile boolean peerClosed;
    private final AtomicLong peerKeyUpdates = new AtomicLong();
    private final java.util.concurrent.Semaphore readPermit = new java.util.concurrent.Semaphore(1);
    private final InnerTypeTap innerTypes = new InnerTypeTap();

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.channel = SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), (algorithm, key) -> { },
                random, RecordLimits.defaults(), innerTypes));
        try {
            flushOutbound();
        } catch (IOException refused) {
            // A server that closes at once (a connection cap) may reset the connection before the
            // ClientHello is written: that is a closed client, which the reader then reports.
            closedReason = "closed before the ClientHello was written: " + refused.getMessage();
        }
        // The reader starts after the first write: had it started first, a server that closes at
        // once would make it close the socket under that write.
        Thread.ofPlatform().daemon(true).name("test-client-reader").start(this::readLoop);
    }

    /** Connects and waits for the handshake. */
    public static TestClient connect(InetSocketAddress address) throws IOException {
        TestClient client = new TestClient(new Socket(address.getAddress(), address.getPort()));
        await().atMost(WAIT).until(() -> client.established || client.closedReason != null);
        return client;
    }

    /** Connects and sends the ClientHello without waiting for the handshake. */
    public static TestClient connectWithoutWaiting(InetSocketAddress address) throws IOException {
        return new TestClient(new Socket(address.getAddress(), address.getPort()));
    }

    /** Connects from the local address {@code from} (any 127.x.y.z on Linux loopback) and waits for the handshake or its refusal. */
    public static TestClient connectFrom(InetSocketAddress address, java.net.InetAddress from) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort(), from, 0);
        TestClient client = new TestClient(socket);
        await().atMost(WAIT).until(() -> client.established || client.closedReason != null);
        return client;
    }

    /** Ratchets the sending key and asks the server to ratchet its own (it answers with a KeyUpdate). */
    public void requestKeyUpdate() throws IOException {
        synchronized (channel) {
            channel.requestKeyUpdate();
        }
        flushOutbound();
    }

    /**
     * Accepts batch records from now on and asks the server for them with {@code set_delivery_options};
     * returns the request id.
     */
    public long acceptBatchRecords() throws IOException {
        synchronized (channel) {
            channel.acceptBatchRecords();
        }
        return request(id -> new ChatRequest.SetDeliveryOptions(id, ChatRequest.SetDeliveryOptions.ACCEPT_BATCH_RECORDS));
    }

    /** Records of {@code type} the server sent after the handshake, as an observer with its key counts them. */
    public long recordsReceived(org.parley.protocol.record.InnerType type) {
        return innerTypes.count(type);
    }

    /** KeyUpdates received from the server so far. */
    public long peerKeyUpdates() {
        return peerKeyUpdates.get();
    }

    /** Connects with a small socket receive buffer, so that when paused it stops reading quickly. */
    public static TestClient connectWithSmallReceiveBuffer(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(address);
        TestClient client = new TestClient(socket);
        await().atMost(WAIT).until(() -> client.established || client.closedReason != null);
        return client;
    }

    /** Sends close_notify and leaves the socket open: a peer that says goodbye, and may not read what is still coming. */
    public void sendCloseNotify() throws IOException {
        synchronized (channel) {
            channel.close();
        }
        flushOutbound();
    }

    /** Stops reading from the socket (after the read in progress, if any). */
    public void pauseReading() {
        readPermit.acquireUninterruptibly();
    }

    public void resumeReading() {
        readPermit.release();
    }

    public boolean established() {
        return established;
    }

    public void register(String user, ScramVerifier verifier) throws IOException {
        sendAuth(new Register(user, verifier, Optional.empty()));
        expectSuccess();
    }

    public void register(String user, ScramVerifier verifier, Optional<String> invite) throws IOException {
        sendAuth(new Register(user, verifier, invite));
    }

    /** SCRAM-SHA-256 login; returns the final server message (AuthSucceeded or AuthFailed). */
    public AuthMessage login(String user, char[] password) throws IOException {
        Bytes binding = channel.session().orElseThrow().channelBinding();
        try (SecretBytes normalised = Passwords.normalise(password);
             ScramClient scram = ScramClient.start(ScramMechanism.SCRAM_SHA_256, user, normalised, binding, random)) {
            sendAuth(scram.firstMessage());
            AuthMessage reply = nextAuth();
            if (reply instanceof AuthFailed) {
                return reply;
            }
            ScramClientStep step = scram.receive(reply);
            if (!(step instanceof ScramClientStep.Send send)) {
                throw new IllegalStateException("unexpected SCRAM step " + step);
            }
            sendAuth(send.message());
            reply = nextAuth();
            if (reply instanceof AuthFailed) {
                return reply;
            }
            scram.receive(reply);
            AuthMessage last = nextAuth();
            if (last instanceof AuthSucceeded) {
                chatPhase = true;
            }
            return last;
        }
    }

    /** Public-key login; returns the server's answer (AuthSucceeded or AuthFailed). */
    public AuthMessage loginWithKey(String user, org.parley.crypto.SigningKey key) throws IOException {
        Bytes binding = channel.session().orElseThrow().channelBinding();
        sendAuth(org.parley.protocol.auth.PublicKeyLoginSigner.sign(user, key, binding, random));
        return nextAuth();
    }

    /** This connection's channel binding, for tests that build their own authentication messages. */
    public Bytes channelBinding() {
        return channel.session().orElseThrow().channelBinding();
    }

    public void sendAuth(AuthMessage message) throws IOException {
        synchronized (channel) {
            channel.send(AuthCodec.encode(message));
        }
        flushOutbound();
    }

    private AuthMessage nextAuth() {
        int index = authIndex;
        await().atMost(WAIT).until(() -> authMessages.size() > index || closedReason != null);
        if (authMessages.size() <= index) {
            throw new IllegalStateException("connection closed: " + closedReason);
        }
        authIndex++;
        return authMessages.get(index);
    }

    private int authIndex;

    public void expectSuccess() {
        AuthMessage reply = nextAuth();
        if (!(reply instanceof AuthSucceeded)) {
            throw new IllegalStateException("expected AuthSucceeded, got " + reply);
        }
        chatPhase = true;
    }

    public AuthMessage nextAuthMessage() {
        return nextAuth();
    }

    /** Sends a request built with a fresh request id; returns the id. */
    public long request(java.util.function.LongFunction<ChatRequest> build) throws IOException {
        long id = requestIds.incrementAndGet();
        sendRaw(ChatCodec.encode(build.apply(id)));
        return id;
    }

    public long say(String room, String text) throws IOException {
        return request(id -> new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT, Bytes.utf8(text)));
    }

    /**
     * Says each of {@code texts} in {@code room}, all written to the socket at once (one flush), as
     * fast as the server reads them; returns the request ids in order.
     */
    public List<Long> sayAll(String room, List<String> texts) throws IOException {
        List<Long> ids = new ArrayList<>(texts.size());
        synchronized (channel) {
            for (String text : texts) {
                long id = requestIds.incrementAndGet();
                channel.send(ChatCodec.encode(new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT, Bytes.utf8(text))));
                ids.add(id);
            }
        }
        flushOutbound();
        return ids;
    }

    /** Sends one application message of arbitrary bytes. */
    public void sendRaw(Bytes message) throws IOException {
        synchronized (channel) {
            channel.send(message);
        }
        flushOutbound();
    }

    /** Writes bytes straight to the socket, below the secure channel. */
    public void writeSocket(byte[] bytes) throws IOException {
        synchronized (channel) {
            out.write(bytes);
            out.flush();
        }
    }

    /**
     * Calls {@code onEvent} on the reader thread with every chat event as it arrives (for latency
     * measurements); with {@code keep} false events are no longer stored (long load runs).
     */
    public void listen(java.util.function.Consumer<ChatEvent> onEvent, boolean keep) {
        listener = onEvent;
        keepEvents = keep;
    }

    public List<ChatEvent> events() {
        return List.copyOf(events);
    }

    public <T extends ChatEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends ChatEvent> T awaitEvent(Class<T> type, Predicate<T> matching) {
        await().atMost(WAIT).until(() -> events(type).stream().anyMatch(matching));
        return events(type).stream().filter(matching).findFirst().orElseThrow();
    }

    /** True once the server closed the connection (socket EOF or error). */
    public boolean isClosed() {
        return closedReason != null;
    }

    /** Why the connection ended, as seen by the reader (null while open). */
    public String closedReason() {
        return closedReason;
    }

    public boolean peerSentCloseNotify() {
        return peerClosed;
    }

    public void awaitClosed() {
        await().atMost(WAIT).until(this::isClosed);
    }

    private void readLoop() {
        byte[] buffer = new byte[16384];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while (true) {
                // A paused client holds no permit: it stops reading, like a stalled peer.
                readPermit.acquireUninterruptibly();
                readPermit.release();
                if ((n = in.read(buffer)) < 0) {
                    break;
                }
                List<ChannelEvent> received;
                synchronized (channel) {
                    if (established) {
                        // Everything after the handshake flight: a copy for the record-type counts.
                        innerTypes.observe(channel.session().orElseThrow().suite(), ByteBuffer.wrap(buffer, 0, n));
                    }
                    received = channel.receive(ByteBuffer.wrap(buffer, 0, n));
                }
                flushOutbound();
                for (ChannelEvent event : received) {
                    handle(event);
                }
            }
            closedReason = "end of stream";
        } catch (IOException | ParleyException | RuntimeException e) {
            closedReason = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void handle(ChannelEvent event) throws WireFormatException {
        switch (event) {
            case ChannelEvent.HandshakeCompleted c -> established = true;
            case ChannelEvent.MessageReceived m -> {
                if (chatPhase) {
                    ChatEvent chat = ChatCodec.decodeEvent(m.message());
                    listener.accept(chat);
                    if (keepEvents) {
                        events.add(chat);
                    }
                } else {
                    AuthMessage auth = AuthCodec.decode(m.message());
                    // Switch before the next message: the server may send chat events in the same read.
                    chatPhase = auth instanceof AuthSucceeded;
                    authMessages.add(auth);
                }
            }
            case ChannelEvent.PeerKeyUpdated u -> peerKeyUpdates.incrementAndGet();
            case ChannelEvent.PeerClosed p -> peerClosed = true;
        }
    }

    private void flushOutbound() throws IOException {
        synchronized (channel) {
            for (Bytes frame : channel.drainOutbound()) {
                out.write(frame.toByteArray());
            }
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (channel) {
            if (channel.state() == SecureChannel.State.ESTABLISHED) {
                channel.close();
            }
        }
        try {
            flushOutbound();
        } catch (IOException e) {
            // The server may have closed first; the socket is closed below either way.
            closedReason = closedReason == null ? "closed by test" : closedReason;
        }
        socket.close();
    }
}
