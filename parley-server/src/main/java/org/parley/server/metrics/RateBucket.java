package org.parley.server.metrics;

/** The rate limits that refuse work (docs/OPERATIONS.md, "Configuration"): the label of the refusals counter. */
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
    ROOM_BACKLOG
}
