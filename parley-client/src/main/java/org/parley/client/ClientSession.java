package org.parley.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.channel.SessionInfo;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.InsecureSecretLog;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.SuitePreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection behind a {@link ParleyClient}: its three threads and the phases above the
 * secure channel (handshake, authentication, chat, closed).
 *
 * <p>Threads ({@link ClientThreads}), each single: the Netty I/O thread drives the
 * {@link SecureChannel} and decodes messages; the work thread runs the login exchange
 * ({@link LoginExchange}: PBKDF2, signing), so the I/O thread never blocks; the listener thread
 * delivers pushed events and completes request futures, in the order the server sent them. All
 * three stop when the connection ends.
 */
final class ClientSession implements ConnectionCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    private enum Phase { HANDSHAKE, AWAITING_TRUST, AUTHENTICATING, CHAT, CLOSED }

    private final ParleyClient client;
    private final ClientOptions options;
    private final ClientListener listener;
    private final PendingRequests pending;
    private final PinningVerifier verifier;
    private final FirstContactPause firstContact;
    private final ChannelBridge bridge;
    private final ClientThreads threads;
    private final LoginExchange login;
    private final KeepAlive keepAlive;
    private final Optional<InsecureKeyLogFile.Connection> keyLog;
    private final WireTap wireTap = new WireTap();
    private final CompletableFuture<ParleyClient> connected = new CompletableFuture<>();
    private volatile Phase phase = Phase.HANDSHAKE;
    private volatile SessionInfo session;
    private volatile boolean closeRequested;
    /** Requests the server answered rate_limited, for {@link ParleyClient#rateLimitedAnswers()}. */
    private final java.util.concurrent.atomic.LongAdder rateLimited = new java.util.concurrent.atomic.LongAdder();

    ClientSession(ParleyClient client, ClientOptions options, ClientListener listener, PendingRequests pending,
            FirstContactQuestion question) {
        this.client = client;
        this.options = options;
        this.listener = listener;
        this.pending = pending;
        this.verifier = new PinningVerifier(options.pins(), options.serverName());
        SuitePreferences offer = options.offer();
        this.keyLog = options.keyLog().map(InsecureKeyLogFile::connection);
        SecureChannel secure = SecureChannel.client(new ClientConfig(offer, verifier, new SecureRandom(), RecordLimits.defaults(),
                keyLog.<InsecureSecretLog>map(log -> log).orElse(InsecureSecretLog.NONE)));
        if (options.batchRecords()) {
            // Ready before we ask for them after login (docs/PROTOCOL.md 10.5.1); until then no server sends any.
            secure.acceptBatchRecords();
        }
        this.bridge = new ChannelBridge(secure, this, new FailureTranslator(verifier));
        this.threads = new ClientThreads();
        this.login = new LoginExchange(threads, this, options.requestTimeout());
        this.firstContact = new FirstContactPause(verifier, bridge, question, threads.listener());
        this.keepAlive = new KeepAlive(options.keepAliveInterval(), client::ping, this::close);
    }

    /** The last frames of this connection as a network attacker sees them. */
    java.util.List<WireFrame> wireFrames() {
        return wireTap.frames();
    }

    CompletableFuture<ParleyClient> start() {
        ChannelFuture connecting = new Bootstrap()
                .group(threads.io())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        keyLog.ifPresent(log -> channel.pipeline().addLast(new KeyLogNamer(log)));
                        channel.pipeline().addLast(wireTap);
                        channel.pipeline().addLast(bridge);
                    }
                })
                .connect(options.host(), options.port());
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                bridge.fail(new ConnectionFailedException("cannot connect to " + options.serverName() + ": "
                        + done.cause().getMessage(), done.cause()));
            }
        });
        connecting.channel().eventLoop().schedule(() -> {
            if (phase == Phase.HANDSHAKE) {
                // Not while the user is asked about a first contact: the server's deadline bounds that.
                java.util.List<WireFrame> seen = wireTap.frames();
                long sent = seen.stream().filter(WireFrame::sent).count();
                LOG.info("no handshake with {} within {} ms: {} frames sent, {} received", options.serverName(),
                        options.connectTimeout().toMillis(), sent, seen.size() - sent);
                bridge.fail(new ConnectionFailedException("no handshake with " + options.serverName() + " within "
                        + options.connectTimeout().toMillis() + " ms"));
            }
        }, options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return connected;
    }

    Optional<SessionInfo> session() {
        return Optional.ofNullable(session);
    }

    boolean pinnedNow() {
        return verifier.pinnedNow();
    }

    boolean isLoggedIn() {
        return phase == Phase.CHAT;
    }

    /** Keepalive pings the server answered so far. */
    long keepAlivesAnswered() {
        return keepAlive.answered();
    }

    boolean isOpen() {
        return phase != Phase.CLOSED;
    }

    /** Starts the connection's one login or registration; {@code secret} is wiped on every path. */
    CompletableFuture<String> authenticate(LoginExchange.LoginStarter starter, SecretBytes secret) {
        if (phase != Phase.AUTHENTICATING || !login.claim()) {
            if (secret != null) {
                secret.destroy();
            }
            return CompletableFuture.failedFuture(phase == Phase.AUTHENTICATING || phase == Phase.CHAT
                    ? new IllegalStateException("a connection logs in once")
                    : new ConnectionFailedException("not connected"));
        }
        return login.start(starter, secret);
    }

    /** Runs slow work (PBKDF2) on the work thread; {@code secret} is wiped if it cannot run. */
    <T> CompletableFuture<T> onWorkThread(Supplier<T> task, SecretBytes secret) {
        return threads.onWork(task, secret);
    }

    void sendAuth(AuthMessage message) {
        bridge.send(AuthCodec.encode(message));
    }

    void send(Bytes message) {
        bridge.send(message);
    }

    void close() {
        closeRequested = true;
        bridge.close();
    }

    /** True once this client asked to close the connection (a user's close, or an unanswered keepalive). */
    boolean closeRequested() {
        return closeRequested;
    }

    void closeAndWait(Duration timeout) {
        closeRequested = true;
        Channel channel = bridge.channel();
        if (channel == null || !channel.isOpen()) {
            return;
        }
        bridge.close();
        if (!channel.eventLoop().inEventLoop()) {
            channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
        }
    }

    @Override
    public void onEstablished(SessionInfo established) {
        session = established;
        if (firstContact.needed()) {
            // First contact: our Finished waits (no thread does) until the user answered.
            phase = Phase.AWAITING_TRUST;
            firstContact.ask(established, this::authenticating);
        } else {
            authenticating();
        }
    }

    private void authenticating() {
        phase = Phase.AUTHENTICATING;
        LOG.debug("connected to {} with {}", options.serverName(), session.suite());
        threads.onListener(() -> connected.complete(client));
    }

    @Override
    public void onMessage(Bytes message) {
        try {
            switch (phase) {
                case AUTHENTICATING -> onAuthMessage(AuthCodec.decode(message));
                case CHAT -> {
                    ChatEvent event = ChatCodec.decodeEvent(message);
                    if (login.settled()) {
                        threads.onListener(() -> route(event));
                    } else {
                        // Behind the login's last step on the work thread, so the login future
                        // completes before the events that follow AuthSucceeded are delivered.
                        threads.onWork(() -> {
                            try {
                                threads.onListener(() -> route(event));
                            } catch (RejectedExecutionException e) {
                                // The connection ended meanwhile; its end was the last thing reported.
                                LOG.debug("event after the end of the connection dropped");
                            }
                        });
                    }
                }
                case AWAITING_TRUST -> bridge.fail(new ConnectionFailedException(
                        "the server sent a message before the handshake completed"));
                case HANDSHAKE, CLOSED -> LOG.debug("message outside a session dropped");
            }
        } catch (WireFormatException e) {
            bridge.fail(new ConnectionFailedException("the server sent a malformed message (" + e.alert() + ")", e));
        }
    }

    private void onAuthMessage(AuthMessage message) {
        if (message instanceof AuthSucceeded) {
            // Switch now, on the I/O thread: the chat events right behind it must decode as chat.
            phase = Phase.CHAT;
        }
        if (!login.requested()) {
            bridge.fail(new ConnectionFailedException("the server sent " + message.type() + " before any login"));
            return;
        }
        if (message instanceof AuthSucceeded) {
            // Logged in: from now on the server's idle timeout applies to us.
            keepAlive.start(bridge.channel().eventLoop());
            if (options.batchRecords()) {
                client.requestBatchRecords().exceptionally(failure -> {
                    LOG.debug("the server did not take the batch-record option: {}", failure.getClass().getSimpleName());
                    return null;
                });
            }
        }
        login.onMessage(message);
    }

    @Override
    public void onKeysUpdated(KeyUpdates counts) {
        threads.onListener(() -> deliver(() -> listener.onKeysUpdated(counts)));
    }

    KeyUpdates keyUpdates() {
        return bridge.keyUpdates();
    }

    long batchRecordsReceived() {
        return bridge.batchRecordsReceived();
    }

    CompletableFuture<KeyUpdates> updateKeys() {
        return bridge.updateKeys();
    }

    @Override
    public void onClosed(ClientException cause) {
        boolean wasEstablished = session != null;
        phase = Phase.CLOSED;
        keepAlive.stop();
        LOG.debug("connection to {} ended: {}", options.serverName(), cause.getMessage());
        login.fail(cause);
        Runnable reportEnd = () -> {
            threads.onListenerOrHere(() -> {
                connected.completeExceptionally(cause);
                pending.failAll(cause);
                if (wasEstablished) {
                    deliver(() -> listener.onDisconnected(cause.getMessage()));
                }
            });
            threads.stopListener();
        };
        // Through the work thread, like the events that arrived before login settled: the end must be
        // reported after them, never overtake them (or find the event thread already shut down).
        if (!threads.onWork(reportEnd)) {
            reportEnd.run();
        }
        threads.stopWorkAndIo();
    }

    long rateLimitedAnswers() {
        return rateLimited.sum();
    }

    private void route(ChatEvent event) {
        switch (event) {
            case ChatEvent.Push push -> deliver(() -> listener.onEvent(push));
            case ChatEvent.Answer answer -> answer(answer);
        }
    }

    private void answer(ChatEvent.Answer answer) {
        var waiting = pending.take(answer.requestId());
        if (waiting.isEmpty()) {
            // The request timed out or its caller gave up; nobody is left to tell.
            LOG.debug("answer to request {} that is no longer waiting dropped", answer.requestId());
        } else if (answer instanceof ChatEvent.Rejected rejected) {
            if (rejected.code() == org.parley.protocol.chat.ErrorCode.RATE_LIMITED) {
                rateLimited.increment();
            }
            waiting.get().completeExceptionally(new RequestFailedException(rejected.code(), rejected.detail()));
        } else {
            waiting.get().complete(answer);
        }
    }

    private static void deliver(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            // A listener bug must not stop the delivery of later events.
            LOG.warn("client listener failed", e);
        }
    }
}
