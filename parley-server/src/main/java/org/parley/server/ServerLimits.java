package org.parley.server;

import java.time.Duration;
import java.util.Objects;
import org.parley.server.chat.CreationLimits;
import org.parley.server.chat.RequestRate;

/**
 * The bounds the server enforces against slow, idle, greedy and hostile peers.
 *
 * <p><b>Security.</b> Every resource a client can make the server hold (connections, handshake
 * work and time, time before login, idle time, message size, key updates, password work, outbound
 * buffer, chat requests) has a limit here; none is unbounded.
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
 * @param maxConnections simultaneous connections to the whole server; over it, a new one is closed before reading
 * @param loginTimeout a connection whose secure channel is up but that has not logged in by then is closed
 * @param handshakeRatePerIp token bucket of handshakes started from one address
 * @param handshakeRate token bucket of handshakes started from all addresses together
 * @param keyUpdateRate token bucket of KeyUpdates one connection may send
 * @param handshakeThreads threads of the pool that runs handshake steps (key exchange, signing) off the event loops
 * @param creation rooms and outstanding invitations one account may have
 */
public record ServerLimits(Duration handshakeTimeout, Duration idleTimeout, int maxMessageBytes, int maxConnectionsPerIp,
        int loginAttemptsPerMinutePerAccount, int loginAttemptsPerMinutePerIp, int maxConcurrentPasswordHashes,
        int outboundBufferBytes, int historyOnJoin, RequestRate chatSendRate, RequestRate chatReadRate,
        int maxConnections, Duration loginTimeout, RequestRate handshakeRatePerIp, RequestRate handshakeRate,
        RequestRate keyUpdateRate, int handshakeThreads, CreationLimits creation) {

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

    /**
     * Default handshakes from one address: 20 at once (more than the 16 connections one address
     * may hold, so a household or office behind one NAT reconnects whole after a network change),
     * then 2 a second. One address replaying a recorded ClientHello costs the server at most 2
     * handshakes a second beyond the burst.
     */
    public static final RequestRate DEFAULT_HANDSHAKE_RATE_PER_IP = new RequestRate(20, 2);

    /**
     * Default handshakes from everyone: 200 at once (clients reconnecting after a restart), then
     * 100 a second, about 70 ms of CPU a second with ML-DSA-65 (docs/SECURITY.md, "Cost of a
     * handshake"), so that handshakes can never take the machine.
     */
    public static final RequestRate DEFAULT_HANDSHAKE_RATE = new RequestRate(200, 100);

    /**
     * Default KeyUpdates per connection: 8 at once, then 1 a second. An honest peer updates after
     * 2^20 records (days of chat at the message rate) or when it chooses to, rarely.
     */
    public static final RequestRate DEFAULT_KEY_UPDATE_RATE = new RequestRate(8, 1);

    /** Largest value accepted for the connection caps and the handshake pool size. */
    public static final int MAX_CONNECTIONS = 1_000_000;

    public ServerLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(chatSendRate, "chatSendRate");
        Objects.requireNonNull(chatReadRate, "chatReadRate");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        Objects.requireNonNull(handshakeRatePerIp, "handshakeRatePerIp");
        Objects.requireNonNull(handshakeRate, "handshakeRate");
        Objects.requireNonNull(keyUpdateRate, "keyUpdateRate");
        Objects.requireNonNull(creation, "creation");
        if (!positive(handshakeTimeout) || !positive(idleTimeout) || !positive(loginTimeout)) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxMessageBytes < 1024 || maxMessageBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be 1 KiB..16 MiB");
        }
        if (maxConnectionsPerIp < 1 || loginAttemptsPerMinutePerAccount < 1 || loginAttemptsPerMinutePerIp < 1
                || maxConcurrentPasswordHashes < 1 || outboundBufferBytes < 1024 || historyOnJoin < 0
                || historyOnJoin > 1000 || maxConnections < 1 || maxConnections > MAX_CONNECTIONS
                || handshakeThreads < 1 || handshakeThreads > 1024) {
            throw new IllegalArgumentException("limits out of range");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /**
     * Largest application message accepted by default: 384 KiB plus 1 KiB, because the largest chat
     * request, an end-to-end send of 19 envelopes of 20,480 bytes to the longest user names, is
     * 390,541 bytes (docs/PROTOCOL.md, Section 14.7).
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 384 * 1024 + 1024;

    /**
     * 10 s handshake, 30 s to log in, 5 min idle, 385 KiB messages, 4,096 connections, 16 connections
     * and 20 logins a minute per IP, 5 per account, the default chat, handshake and key-update
     * rates, handshakes on half the processors (at least one), 20 rooms and 200 outstanding
     * invitations per account.
     */
    public static ServerLimits defaults() {
        return new ServerLimits(Duration.ofSeconds(10), Duration.ofMinutes(5), DEFAULT_MAX_MESSAGE_BYTES, 16, 5, 20, 2,
                1024 * 1024, 50, DEFAULT_CHAT_SEND_RATE, DEFAULT_CHAT_READ_RATE, 4096, Duration.ofSeconds(30),
                DEFAULT_HANDSHAKE_RATE_PER_IP, DEFAULT_HANDSHAKE_RATE, DEFAULT_KEY_UPDATE_RATE,
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2), CreationLimits.defaults());
    }

    public ServerLimits withHandshakeTimeout(Duration timeout) {
        Draft d = new Draft(this);
        d.handshakeTimeout = timeout;
        return d.build();
    }

    public ServerLimits withIdleTimeout(Duration timeout) {
        Draft d = new Draft(this);
        d.idleTimeout = timeout;
        return d.build();
    }

    public ServerLimits withMaxConnectionsPerIp(int max) {
        Draft d = new Draft(this);
        d.maxConnectionsPerIp = max;
        return d.build();
    }

    public ServerLimits withLoginAttempts(int perAccount, int perIp) {
        Draft d = new Draft(this);
        d.loginAttemptsPerMinutePerAccount = perAccount;
        d.loginAttemptsPerMinutePerIp = perIp;
        return d.build();
    }

    /** These limits with another largest application message, both directions. */
    public ServerLimits withMaxMessageBytes(int bytes) {
        Draft d = new Draft(this);
        d.maxMessageBytes = bytes;
        return d.build();
    }

    public ServerLimits withOutboundBufferBytes(int bytes) {
        Draft d = new Draft(this);
        d.outboundBufferBytes = bytes;
        return d.build();
    }

    /** These limits with other per-account chat request rates. */
    public ServerLimits withChatRates(RequestRate send, RequestRate read) {
        Draft d = new Draft(this);
        d.chatSendRate = send;
        d.chatReadRate = read;
        return d.build();
    }

    /** These limits with another cap on simultaneous connections to the whole server. */
    public ServerLimits withMaxConnections(int max) {
        Draft d = new Draft(this);
        d.maxConnections = max;
        return d.build();
    }

    /** These limits with another time allowed between the end of the handshake and a successful login. */
    public ServerLimits withLoginTimeout(Duration timeout) {
        Draft d = new Draft(this);
        d.loginTimeout = timeout;
        return d.build();
    }

    /** These limits with other handshake rates, per address and for the whole server. */
    public ServerLimits withHandshakeRates(RequestRate perIp, RequestRate global) {
        Draft d = new Draft(this);
        d.handshakeRatePerIp = perIp;
        d.handshakeRate = global;
        return d.build();
    }

    /** These limits with another per-connection KeyUpdate rate. */
    public ServerLimits withKeyUpdateRate(RequestRate rate) {
        Draft d = new Draft(this);
        d.keyUpdateRate = rate;
        return d.build();
    }

    /** These limits with another number of handshake threads. */
    public ServerLimits withHandshakeThreads(int threads) {
        Draft d = new Draft(this);
        d.handshakeThreads = threads;
        return d.build();
    }

    /** These limits with other per-account creation bounds. */
    public ServerLimits withCreation(CreationLimits limits) {
        Draft d = new Draft(this);
        d.creation = limits;
        return d.build();
    }

    /**
     * A mutable copy used by the {@code with…} methods, so that the list of components is written
     * out in one place instead of in every method; {@link #build} validates through the canonical
     * constructor.
     */
    private static final class Draft {
        Duration handshakeTimeout;
        Duration idleTimeout;
        int maxMessageBytes;
        int maxConnectionsPerIp;
        int loginAttemptsPerMinutePerAccount;
        int loginAttemptsPerMinutePerIp;
        int maxConcurrentPasswordHashes;
        int outboundBufferBytes;
        int historyOnJoin;
        RequestRate chatSendRate;
        RequestRate chatReadRate;
        int maxConnections;
        Duration loginTimeout;
        RequestRate handshakeRatePerIp;
        RequestRate handshakeRate;
        RequestRate keyUpdateRate;
        int handshakeThreads;
        CreationLimits creation;

        Draft(ServerLimits l) {
            handshakeTimeout = l.handshakeTimeout;
            idleTimeout = l.idleTimeout;
            maxMessageBytes = l.maxMessageBytes;
            maxConnectionsPerIp = l.maxConnectionsPerIp;
            loginAttemptsPerMinutePerAccount = l.loginAttemptsPerMinutePerAccount;
            loginAttemptsPerMinutePerIp = l.loginAttemptsPerMinutePerIp;
            maxConcurrentPasswordHashes = l.maxConcurrentPasswordHashes;
            outboundBufferBytes = l.outboundBufferBytes;
            historyOnJoin = l.historyOnJoin;
            chatSendRate = l.chatSendRate;
            chatReadRate = l.chatReadRate;
            maxConnections = l.maxConnections;
            loginTimeout = l.loginTimeout;
            handshakeRatePerIp = l.handshakeRatePerIp;
            handshakeRate = l.handshakeRate;
            keyUpdateRate = l.keyUpdateRate;
            handshakeThreads = l.handshakeThreads;
            creation = l.creation;
        }

        ServerLimits build() {
            return new ServerLimits(handshakeTimeout, idleTimeout, maxMessageBytes, maxConnectionsPerIp,
                    loginAttemptsPerMinutePerAccount, loginAttemptsPerMinutePerIp, maxConcurrentPasswordHashes,
                    outboundBufferBytes, historyOnJoin, chatSendRate, chatReadRate, maxConnections, loginTimeout,
                    handshakeRatePerIp, handshakeRate, keyUpdateRate, handshakeThreads, creation);
        }
    }
}
