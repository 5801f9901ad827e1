package org.parley.protocol.chat;

/** Maxima of chat fields, checked by the codec before allocation (docs/PROTOCOL.md, "Chat limits"). */
public final class ChatLimits {
    /** Room names: 1..64 UTF-8 bytes. */
    public static final int MAX_ROOM_NAME_BYTES = 64;
    /** User names: 1..64 UTF-8 bytes (the auth package's limit). */
    public static final int MAX_USER_NAME_BYTES = 64;
    /** Topics and kick/ban reasons. */
    public static final int MAX_TOPIC_BYTES = 512;
    /** A text message body. */
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    /** Any message body (opaque bodies may be larger than text). */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Entries in one listing or history page. */
    public static final int MAX_LIST_ENTRIES = 1000;
    /** Messages in one history page. */
    public static final int MAX_HISTORY_PAGE = 200;
    /** Rejection detail text. */
    public static final int MAX_DETAIL_BYTES = 1024;
    /** Login keys one account may register: a LoginKeyList holds at most this many. */
    public static final int MAX_LOGIN_KEYS = 16;
    /** A ChangePassword's current-password proof is a hash output: 32 (SHA-256) to 64 (SHA-512) bytes. */
    public static final int MIN_PASSWORD_PROOF = 32;
    public static final int MAX_PASSWORD_PROOF = 64;


    // ---- end-to-end devices, prekeys and envelopes (docs/PROTOCOL.md, Section 14.8) ------------

    /** Devices one account may have: device lists, bundle lists and mismatch answers hold at most this many. */
    public static final int MAX_DEVICES = 10;
    /** A device identity blob (docs/E2EE.md): 64..256 bytes, its first 32 the Ed25519 signing key. */
    public static final int MIN_IDENTITY_BYTES = 64;
    public static final int MAX_IDENTITY_BYTES = 256;
    /** A device name chosen by its user: 1..64 UTF-8 bytes. */
    public static final int MAX_DEVICE_NAME_BYTES = 64;
    /** An Ed25519 signature: a device proof is exactly this long. */
    public static final int SIGNATURE_BYTES = 64;
    /** The shortest prekey record: kind, key id, a 32-byte X25519 key, a signature. */
    public static final int MIN_PREKEY_RECORD_BYTES = 1 + 4 + 32 + SIGNATURE_BYTES;
    /** The longest prekey record: kind, key id, a 1,184-byte ML-KEM-768 key, a signature. */
    public static final int MAX_PREKEY_RECORD_BYTES = 1 + 4 + 1184 + SIGNATURE_BYTES;
    /** One-time X25519 prekey records in one upload. */
    public static final int MAX_ONE_TIME_X25519_PER_UPLOAD = 100;
    /** One-time ML-KEM prekey records in one upload (each is 1,253 bytes, so 40 keep an upload near 50 KB). */
    public static final int MAX_ONE_TIME_KEM_PER_UPLOAD = 40;
    /** An end-to-end envelope: the encrypted message for one device. */
    public static final int MAX_ENVELOPE_BYTES = 20_480;
    /** Envelopes in one send: every device of the peer and every other device of the sender. */
    public static final int MAX_ENVELOPES_PER_SEND = 2 * MAX_DEVICES - 1;
    /** Envelopes in one delivered batch. */
    public static final int MAX_ENVELOPES_PER_BATCH = 100;
    /**
     * Users in one ListDevicesMany: the largest DeviceLists (every user with 10 devices, 64-byte
     * names and device names, 256-byte identities) is then 7 + 100 x 3,498 = 349,807 bytes, within
     * the Parley server's default 394,240-byte messages (docs/PROTOCOL.md 14.7).
     */
    public static final int MAX_USERS_PER_DEVICE_LISTS = 100;
    /**
     * Users in one FetchBundlesMany: the largest BundleLists (every user with 10 bundles of the
     * longest records the codec allows) is then 7 + 9 x 40,348 = 363,139 bytes; 10 users would be
     * 403,487, above the server's default 394,240 (docs/PROTOCOL.md 14.7).
     */
    public static final int MAX_USERS_PER_BUNDLE_LISTS = 9;
    /** Envelope ids in one acknowledgement. */
    public static final int MAX_ACK_IDS = 200;

    // ---- end-to-end encrypted rooms (docs/PROTOCOL.md, Section 14.9) -------------------------

    /** One membership-log entry (docs/E2EE.md Section 19.2): 1..1024 bytes. */
    public static final int MAX_LOG_ENTRY_BYTES = 1024;
    /** Log entries in one RoomLogPage. */
    public static final int MAX_LOG_PAGE_ENTRIES = 200;
    /** Sender-key envelopes in one SendRoomKeys. */
    public static final int MAX_ROOM_KEY_ENVELOPES = 200;

    private ChatLimits() {
    }
}
