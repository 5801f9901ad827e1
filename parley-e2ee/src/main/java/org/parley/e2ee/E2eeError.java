package org.parley.e2ee;

/**
 * Why the end-to-end core refused an input. Every refusal leaves the session and the prekey store
 * exactly as they were (docs/E2EE.md, "Errors"). Clients map each value to a user-visible notice.
 */
public enum E2eeError {
    /** Truncated, oversized, trailing bytes, a length above its maximum, an unknown code: garbage. */
    MALFORMED,
    /** A version byte this implementation does not speak. */
    UNSUPPORTED_VERSION,
    /** A device identity or prekey record whose Ed25519 signature does not verify. */
    BAD_SIGNATURE,
    /** A device identity that differs from the one already known for that device. */
    WRONG_IDENTITY,
    /** A session start names a prekey this device does not have (never made, or already used). */
    UNKNOWN_PREKEY,
    /** A session start uses a weaker suite than both devices' signed identities support. */
    DOWNGRADE,
    /** The two devices' identities list no suite in common. */
    NO_COMMON_SUITE,
    /** The AEAD tag does not verify: tampered header or ciphertext, or a wrong key. */
    AUTHENTICATION_FAILED,
    /** The message was already decrypted (its key is gone): a replay or a duplicate. */
    DUPLICATE_MESSAGE,
    /** Decrypting would need more skipped message keys than the documented maximum. */
    TOO_MANY_SKIPPED,
    /** A well-formed message that breaks the protocol's rules (e.g. a missing post-quantum answer). */
    PROTOCOL_VIOLATION,
    /** A peer public key that is unusable (low-order X25519 point, ML-KEM key failing its check). */
    INVALID_KEY
}
