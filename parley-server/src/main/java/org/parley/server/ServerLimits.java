package org.parley.server;

import java.time.Duration;
import java.util.Objects;
import org.parley.server.chat.CreationLimits;
import org.parley.server.chat.RequestRate;

/**
 * The bounds the server enforces against slow, idle, greedy and hostile peers.
 *
 * <p><b>Security.</b> Every resource a client can make the server hold (connections, handshake
 * time, idle time, message size, password work, outbound buffer, chat requests) has a limit here;
 * none is unbounded.
 *
 * @param handshakeTimeout a connection that has not established the secure channel by then is closed
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param maxMessageBytes largest application message accepted, checked before it is buffered
 * @param maxConnectionsPerIp simultaneous connections from one address
 * @param loginAttemptsPerMinutePerAccount sliding-window bound on login attempts for one account name
 * @param loginAttemptsPerMinutePerIp sliding-window bound on login and registration attempts from one address
 * @param maxConcurrentPasswordHashes authentication steps run at the same time
 * @param outboundBufferBytes bytes queued to a client that does not read; exceeded means disconnect
 * @param historyOnJoin messages replayed when joining a room
 * @param chatSendRate per-account token bucket for messages and other requests that change what others see
 * @param chatReadRate per-account token bucket for joins, listings and history pages (pings are not limited)
 * @param creation rooms and outstanding invitations one account may have
 */
public record ServerLimits(Duration handshakeTimeout, Duration idleTimeout, int maxMessageBytes, int maxConnectionsPerIp,
        int loginAttemptsPerMinutePerAccount, int loginAttemptsPerMinutePerIp, int maxConcurrentPasswordHashes,
        int outboundBufferBytes, int historyOnJoin, RequestRate chatSendRate, RequestRate chatReadRate,
        CreationLimits creation) {

    /**
     * Default message rate: a burst of 20 (a pasted block of lines, or a quick exchange, goes
     * through whole), then 5 a second, faster than anyone types and slow enough that one account
     * cannot bury a room.
     */
    public static final RequestRate DEFAULT_CHAT_SEND_RATE = new RequestRate(20, 5);

    /**
     * Default rate of joins, listings and history pages: a burst of 100, because a reconnecting
     * client rejoins all of its rooms at once, then 10 a second, far more than scrolling back needs.
     */
    public static final RequestRate DEFAULT_CHAT_READ_RATE = new RequestRate(100, 10);

    public ServerLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(chatSendRate, "chatSendRate");
        Objects.requireNonNull(chatReadRate, "chatReadRate");
        Objects.requireNonNull(creation, "creation");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxMessageBytes < 1024 || maxMessageBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be 1 KiB..16 MiB");
        }
        if (maxConnectionsPerIp < 1 || loginAttemptsPerMinutePerAccount < 1 || loginAttemptsPerMinutePerIp < 1
                || maxConcurrentPasswordHashes < 1 || outboundBufferBytes < 1024 || historyOnJoin < 0
                || historyOnJoin > 1000) {
            throw new IllegalArgumentException("limits out of range");
        }
    }

    /**
     * Largest application message accepted by default: 64 KiB plus 1 KiB, because the largest chat
     * request (a message with a 64 KiB opaque body, plus its room name and header) is 65,610 bytes.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 + 1024;

    /**
     * 10 s handshake, 5 min idle, 65 KiB messages, 16 connections and 20 logins a minute per IP, 5 per
     * account, the default chat request rates, 20 rooms and 200 outstanding invitations per account.
     */
    public static ServerLimits defaults() {
        return new ServerLimits(Duration.ofSeconds(10), Duration.ofMinutes(5), DEFAULT_MAX_MESSAGE_BYTES, 16, 5, 20, 2,
                1024 * 1024, 50, DEFAULT_CHAT_SEND_RATE, DEFAULT_CHAT_READ_RATE,
                CreationLimits.defaults());
    }

    public ServerLimits withHandshakeTimeout(Duration timeout) {
        return new ServerLimits(timeout, idleTimeout, maxMessageBytes, maxConnectionsPerIp, loginAttemptsPerMinutePerAccount,
                loginAttemptsPerMinutePerIp, maxConcurrentPasswordHashes, outboundBufferBytes, historyOnJoin,
                chatSendRate, chatReadRate, creation);
    }

    public ServerLimits withIdleTimeout(Duration timeout) {
        return new ServerLimits(handshakeTimeout, timeout, maxMessageBytes, maxConnectionsPerIp, loginAttemptsPerMinutePerAccount,
                loginAttemptsPerMinutePerIp, maxConcurrentPasswordHashes, outboundBufferBytes, historyOnJoin,
                chatSendRate, chatReadRate, creation);
    }

    public ServerLimits withMaxConnectionsPerIp(int max) {
        return new ServerLimits(handshakeTimeout, idleTimeout, maxMessageBytes, max, loginAttemptsPerMinutePerAccount,
                loginAttemptsPerMinutePerIp, maxConcurrentPasswordHashes, outboundBufferBytes, historyOnJoin,
                chatSendRate, chatReadRate, creation);
    }

    public ServerLimits withLoginAttempts(int perAccount, int perIp) {
        return new ServerLimits(handshakeTimeout, idleTimeout, maxMessageBytes, maxConnectionsPerIp, perAccount, perIp,
                maxConcurrentPasswordHashes, outboundBufferBytes, historyOnJoin,
                chatSendRate, chatReadRate, creation);
    }

    public ServerLimits withOutboundBufferBytes(int bytes) {
        return new ServerLimits(handshakeTimeout, idleTimeout, maxMessageBytes, maxConnectionsPerIp, loginAttemptsPerMinutePerAccount,
                loginAttemptsPerMinutePerIp, maxConcurrentPasswordHashes, bytes, historyOnJoin, chatSendRate, chatReadRate, creation);
    }

    /** These limits with other per-account chat request rates. */
    public ServerLimits withChatRates(RequestRate send, RequestRate read) {
        return new ServerLimits(handshakeTimeout, idleTimeout, maxMessageBytes, maxConnectionsPerIp, loginAttemptsPerMinutePerAccount,
                loginAttemptsPerMinutePerIp, maxConcurrentPasswordHashes, outboundBufferBytes, historyOnJoin, send, read, creation);
    }

    /** These limits with other per-account creation bounds. */
    public ServerLimits withCreation(CreationLimits limits) {
        return new ServerLimits(handshakeTimeout, idleTimeout, maxMessageBytes, maxConnectionsPerIp, loginAttemptsPerMinutePerAccount,
                loginAttemptsPerMinutePerIp, maxConcurrentPasswordHashes, outboundBufferBytes, historyOnJoin, chatSendRate,
                chatReadRate, limits);
    }
}
