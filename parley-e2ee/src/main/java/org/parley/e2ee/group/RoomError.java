package org.parley.e2ee.group;

/**
 * Why the room layer refused an input (docs/E2EE.md, "Rooms: errors"). Every refusal leaves the
 * room session and the verified membership log exactly as they were.
 */
public enum RoomError {
    /** Truncated, oversized, trailing bytes, a length out of range, an unknown code. */
    MALFORMED,
    /** A version byte other than 1. */
    UNSUPPORTED_VERSION,
    /** A room message or membership-log entry whose Ed25519 signature does not verify. */
    BAD_SIGNATURE,
    /** The message names another room than this session's. */
    WRONG_ROOM,
    /** The sender (user or device) is not admitted by the verified membership log. */
    NOT_A_MEMBER,
    /** A sender-key distribution whose pairwise-session identity is not the one the log admits. */
    WRONG_IDENTITY,
    /** No sender chain is known for this sender and epoch (the distribution has not arrived). */
    UNKNOWN_CHAIN,
    /** The message was already decrypted, or its key was dropped: a replay or duplicate. */
    DUPLICATE_MESSAGE,
    /** Decrypting would need more skipped keys than the window allows. */
    OUT_OF_WINDOW,
    /** The AEAD tag does not verify. */
    AUTHENTICATION_FAILED,
    /** The membership log's hash chain is broken (wrong sequence number or previous hash). */
    LOG_BROKEN,
    /** Two different entries at one position, or a log that does not extend the verified one. */
    LOG_FORKED,
    /** A well-formed, well-signed log entry that the room's rules forbid. */
    LOG_FORBIDDEN,
    /** A sender-key distribution refers to a log position this device has not verified yet. */
    LOG_BEHIND,
    /** A sender-key distribution that conflicts with one already accepted for the same epoch, or an old epoch. */
    STALE_CHAIN,
    /** The own chain must be replaced (membership change, message or age limit) before sending. */
    REKEY_REQUIRED
}
