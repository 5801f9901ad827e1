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

    private ChatLimits() {
    }
}
