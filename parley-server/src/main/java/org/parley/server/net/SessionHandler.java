package org.parley.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.server.auth.AuthExchange;
import org.parley.server.auth.AuthOutcome;
import org.parley.server.auth.AuthService;
import org.parley.server.chat.ChatService;
import org.parley.server.chat.ChatSession;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;
import org.parley.server.metrics.Outcome;
import org.parley.server.metrics.ServerMetrics;

/**
 * The application layer of one connection, above the secure channel: first the authentication
 * phase ({@link AuthCodec} messages, handled by an {@link AuthExchange}), then the chat phase
 * ({@link ChatCodec} requests, handled by the {@link ChatService}).
 *
 * <p><b>Security.</b> The session's identity is the account returned by a successful
 * authentication and nothing else. A message that cannot be decoded, or a second message sent
 * before the previous authentication step was answered, closes this connection. After an
 * authentication failure the server sends AuthFailed and closes with close_notify.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private enum Phase { HANDSHAKE, AUTH, AUTH_PENDING, CHAT, CLOSING }

    private final AuthService auth;
    private final ChatService chat;
    private final ConsoleLog console;
    private final AuditLog audit;
    private final AtomicLong sessionIds;
    private final ServerMetrics metrics;
    /** The largest application message this connection accepts: a floor of its bound on bytes in flight. */
    private final int maxMessageBytes;
    private final EventLoopHandOffs handOffs;
    private Phase phase = Phase.HANDSHAKE;
    private AuthExchange exchange;
    private Bytes channelBinding = Bytes.empty();
    /** The client's address, kept from the handshake's end: the audit names it after the socket is gone too. */
    private String remote = "";
    private ChatSession session;

    SessionHandler(AuthService auth, ChatService chat, ConsoleLog console, AuditLog audit, AtomicLong sessionIds,
                   ServerMetrics metrics, int maxMessageBytes, EventLoopHandOffs handOffs) {
        this.metrics = metrics;
        this.maxMessageBytes = maxMessageBytes;
        this.handOffs = handOffs;
        this.auth = auth;
        this.chat = chat;
        this.console = console;
        this.audit = audit;
        this.sessionIds = sessionIds;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        switch (event) {
            case ChannelEstablished established when phase == Phase.HANDSHAKE -> {
                channelBinding = established.session().channelBinding();
                remote = address(ctx);
                exchange = auth.exchange(remote, channelBinding);
                phase = Phase.AUTH;
            }
            case IdleStateEvent idle -> closeWith(ctx, "idle for too long; closing the connection");
            case ServerShutdown shutdown -> closeWith(ctx, shutdown.notice());
            default -> ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Bytes message = (Bytes) msg;
        switch (phase) {
            case AUTH -> onAuthMessage(ctx, message);
            case CHAT -> onChatMessage(ctx, message);
            case AUTH_PENDING -> abort(ctx, "sent a message before its login step was answered");
            case HANDSHAKE, CLOSING -> {
                // Nothing is accepted before authentication starts or after closing began.
            }
        }
    }

    private void onAuthMessage(ChannelHandlerContext ctx, Bytes bytes) {
        AuthMessage message;
        try {
            message = AuthCodec.decode(bytes);
        } catch (WireFormatException e) {
            abort(ctx, "malformed authentication message");
            return;
        }
        phase = Phase.AUTH_PENDING;
        exchange.receive(message).whenComplete((outcome, error) -> ctx.executor().execute(() -> {
            if (error != null) {
                console.warn("authentication step failed", error);
                abort(ctx, "internal error during authentication");
            } else {
                onAuthOutcome(ctx, outcome);
            }
        }));
    }

    private void onAuthOutcome(ChannelHandlerContext ctx, AuthOutcome outcome) {
        if (phase != Phase.AUTH_PENDING || !ctx.channel().isActive()) {
            if (outcome instanceof AuthOutcome.LoggedIn in) {
                // The credentials were good, but while they were checked the connection ended or began
                // closing (the client left, the login deadline, the server stopping): no session starts.
                auditLogin("login_abandoned", in, "connection closed before the session started");
            }
            return;
        }
        outcome.replies().forEach(reply -> ctx.write(AuthCodec.encode(reply)));
        switch (outcome) {
            case AuthOutcome.Continue c -> phase = Phase.AUTH;
            case AuthOutcome.LoggedIn in -> {
                if (!startSession(ctx, in)) {
                    return;
                }
            }
            case AuthOutcome.Failed failed -> {
                console.loginFailed(ctx.channel().remoteAddress(), failed.why());
                metrics.login("none", Outcome.FAILURE);
                phase = Phase.CLOSING;
                ctx.write(new CloseGracefully("authentication failed"));
            }
        }
        ctx.flush();
    }

    /**
     * Starts the chat session of a successful login and audits it as {@code login_ok}, only once it
     * has started; a start that fails is audited as {@code login_abandoned} and closes the connection.
     *
     * @return false if the session did not start (the connection is closing)
     */
    private boolean startSession(ChannelHandlerContext ctx, AuthOutcome.LoggedIn in) {
        phase = Phase.CHAT;
        exchange = null;
        session = new ChatSession(sessionIds.incrementAndGet(), in.account().name(), in.account().canonicalName(),
                remote, new NettySessionLink(ctx.channel(), maxMessageBytes, metrics, handOffs), channelBinding);
        try {
            chat.sessionStarted(session);
        } catch (RuntimeException e) {
            console.warn("starting the session of " + session.user() + " failed", e);
            auditLogin("login_abandoned", in, "session start failed");
            closeWith(ctx, "internal server error");
            return false;
        }
        auditLogin("login_ok", in, "");
        console.loginOk(ctx.channel().remoteAddress(), session.user(), in.method());
        metrics.login(in.method(), Outcome.SUCCESS);
        ctx.pipeline().fireUserEventTriggered(new LoggedIn());
        return true;
    }

    private void auditLogin(String event, AuthOutcome.LoggedIn in, String reason) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("remote", remote);
        fields.put("user", in.account().name());
        fields.put("method", in.method());
        if (!reason.isEmpty()) {
            fields.put("reason", reason);
        }
        audit.record(event, fields);
    }

    private void onChatMessage(ChannelHandlerContext ctx, Bytes bytes) {
        ChatRequest request;
        try {
            request = ChatCodec.decodeRequest(bytes);
        } catch (WireFormatException e) {
            abort(ctx, "malformed chat request");
            return;
        }
        chat.handle(session, request, bytes.length());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        phase = Phase.CLOSING;
        if (session != null) {
            chat.sessionEnded(session);
            console.disconnected(ctx.channel().remoteAddress(), session.user(), "closed");
            session = null;
        }
        ctx.fireChannelInactive();
    }

    /** Ends the connection because the peer broke the application protocol. */
    private void abort(ChannelHandlerContext ctx, String why) {
        audit.record("protocol_violation", Map.of("remote", address(ctx), "why", why,
                "user", session == null ? "" : session.user()));
        closeWith(ctx, why);
    }

    /** A Notice (in the chat phase), then close_notify and close. */
    private void closeWith(ChannelHandlerContext ctx, String notice) {
        if (phase == Phase.CLOSING) {
            return;
        }
        if (phase == Phase.CHAT) {
            ctx.write(ChatCodec.encode(new ChatEvent.Notice(notice)));
        }
        phase = Phase.CLOSING;
        console.disconnected(ctx.channel().remoteAddress(), session == null ? null : session.user(), notice);
        ctx.writeAndFlush(new CloseGracefully(notice));
        if (!ctx.channel().isActive()) {
            ctx.close();
        }
    }

    private static String address(ChannelHandlerContext ctx) {
        return ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
    }
}
