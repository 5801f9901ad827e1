package org.parley.server.metrics;

/**
 * The rate limits and bounds that refuse work (docs/OPERATIONS.md, "Configuration" and "Metrics"): the
 * label of the refusals counter. Every {@code server_busy} answer to a chat request is counted under
 * one of {@link #ROOM_BACKLOG}, {@link #LANE}, {@link #CHAT_QUEUE} and {@link #COMMIT_QUEUE}.
 */
public enum RateBucket {
    /** An account's chat send bucket ({@code limits.chat-send-*}). */
    CHAT_SEND,
    /** An account's chat read bucket ({@code limits.chat-read-*}). */
    CHAT_READ,
    /** One address's handshake bucket ({@code limits.handshake-per-ip-*}). */
    HANDSHAKE_ADDRESS,
    /** The whole server's handshake bucket ({@code limits.handshake-*}). */
    HANDSHAKE_SERVER,
    /** One connection's KeyUpdate bucket ({@code limits.key-update-*}). */
    KEY_UPDATE,
    /** Password logins per account per minute ({@code limits.login-attempts-per-minute-per-account}). */
    LOGIN_ACCOUNT,
    /** Logins and registrations per address per minute ({@code limits.login-attempts-per-minute-per-ip}). */
    LOGIN_ADDRESS,
    /**
     * One connection's requests in flight past its bound in count or bytes after its reads were paused
     * (answered {@code rate_limited}; by bound in {@code parley_in_flight_refusals_total}).
     */
    IN_FLIGHT,
    /** A room's messages in flight past their bound in count, bytes or time (answered {@code server_busy}). */
    ROOM_BACKLOG,
    /** A chat lane (one room, one account) already held its maximum of queued requests (answered {@code server_busy}). */
    LANE,
    /** All chat lanes together already held their maximum of queued requests (answered {@code server_busy}). */
    CHAT_QUEUE,
    /** The group commit already had its maximum of room messages waiting for their commit (answered {@code server_busy}). */
    COMMIT_QUEUE
}
