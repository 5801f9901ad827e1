package org.parley.server.net;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.server.ServerLimits;
import org.parley.server.auth.AuthService;
import org.parley.server.chat.ChatService;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;
import org.parley.server.metrics.ServerMetrics;

/**
 * Builds each connection's pipeline. Inbound bytes flow top to bottom:
 * <ol>
 *   <li>{@code limit}: server-wide and per-address connection caps; over either, close before reading anything</li>
 *   <li>{@code metrics}: counts the connection's phases, handshakes and back-pressure (passes everything on)</li>
 *   <li>{@code deadline}: close unless the secure channel is established within the handshake timeout</li>
 *   <li>{@code idle}: IdleStateHandler, fires an event after the idle timeout without input</li>
 *   <li>{@code secure}: frames, handshake, record layer ({@link SecureChannel}); bytes to messages and back,
 *       with the bounded outbound buffer; handshake steps run on the {@link HandshakePool} after the
 *       handshake rate admitted them; KeyUpdates are rate-limited</li>
 *   <li>{@code login}: close unless the session logs in within the login timeout after the handshake</li>
 *   <li>{@code session}: authentication phase, then chat requests to the {@link ChatService}</li>
 * </ol>
 */
public final class ServerPipeline extends ChannelInitializer<SocketChannel> {
    private final ServerConfig handshakeConfig;
    private final ServerLimits limits;
    private final ConnectionCounter counter;
    private final SecureChannelPolicy policy;
    private final AuthService auth;
    private final ChatService chat;
    private final ConsoleLog console;
    private final AuditLog audit;
    private final ChannelGroup connections;
    private final ServerMetrics metrics;
    private final EventLoopHandOffs handOffs;
    private final AtomicLong sessionIds = new AtomicLong();

    /**
     * @param handshakePool where handshake steps run
     * @param clock time of the handshake and KeyUpdate rates
     * @param metrics where connections, handshakes, logins and refusals are counted
     * @param handOffs how connections' deliveries reach their event loops (the store batches its callbacks' through it)
     */
    public ServerPipeline(ServerConfig handshakeConfig, ServerLimits limits, Executor handshakePool, Clock clock,
                          AuthService auth, ChatService chat, ConsoleLog console, AuditLog audit, ChannelGroup connections,
                          ServerMetrics metrics, EventLoopHandOffs handOffs) {
        this.metrics = metrics;
        this.handOffs = handOffs;
        this.handshakeConfig = handshakeConfig;
        this.limits = limits;
        this.counter = new ConnectionCounter(limits.maxConnectionsPerIp(), limits.maxConnections());
        this.policy = new SecureChannelPolicy(handshakePool,
                new HandshakeAdmission(limits.handshakeRatePerIp(), limits.handshakeRate(), clock, audit),
                limits.keyUpdateRate(), clock, metrics);
        this.auth = auth;
        this.chat = chat;
        this.console = console;
        this.audit = audit;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connections.add(channel);
        channel.pipeline()
                .addLast("limit", new ConnectionLimitHandler(counter, console))
                .addLast("metrics", new ConnectionMetrics(metrics))
                .addLast("deadline", new HandshakeDeadline(limits.handshakeTimeout(), console, audit))
                .addLast("idle", new IdleStateHandler(limits.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("secure", new SecureChannelHandler(SecureChannel.server(handshakeConfig), policy, console, audit))
                .addLast("login", new LoginDeadline(limits.loginTimeout(), audit))
                .addLast("session", new SessionHandler(auth, chat, console, audit, sessionIds, metrics,
                        limits.maxMessageBytes(), handOffs));
    }
}
