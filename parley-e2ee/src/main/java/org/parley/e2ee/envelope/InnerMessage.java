package org.parley.e2ee.envelope;

import java.time.Instant;
import org.parley.crypto.Bytes;

/**
 * The plaintext inside an envelope (docs/E2EE.md, "Inner message"):
 * {@code version u8 (1) ‖ content_type u8 ‖ message_id[16] ‖ sent_at u64 (ms since the epoch) ‖
 * body<0..16356> (u16 length)}, at most 16,384 bytes. The message id lets a receiving client drop
 * duplicates and match its own other devices' copies.
 *
 * @param contentType what the body holds
 * @param messageId 16 random bytes chosen by the sender, the same for every device's copy
 * @param sentAt the sender's clock when sending (millisecond precision)
 * @param body for {@link ContentType#TEXT} strict UTF-8
 *
 * <p><b>Security.</b> {@code toString} shows the body's length, never its bytes.
 */
public record InnerMessage(ContentType contentType, Bytes messageId, Instant sentAt, Bytes body) {
    public static final int MAX_LENGTH = 16_384;
    public static final int OVERHEAD = 1 + 1 + 16 + 8 + 2;
    public static final int MAX_BODY = MAX_LENGTH - OVERHEAD;

    public InnerMessage {
        if (messageId.length() != 16) {
            throw new IllegalArgumentException("message id must be 16 bytes");
        }
        if (body.length() > MAX_BODY) {
            throw new IllegalArgumentException("body longer than " + MAX_BODY + " bytes");
        }
        if (sentAt.toEpochMilli() < 0) {
            throw new IllegalArgumentException("sent-at before 1970");
        }
        sentAt = Instant.ofEpochMilli(sentAt.toEpochMilli());
    }

    /** A text message. */
    public static InnerMessage text(String text, Bytes messageId, Instant sentAt) {
        return new InnerMessage(ContentType.TEXT, messageId, sentAt, Bytes.utf8(text));
    }

    /** The body as text (only for {@link ContentType#TEXT}, which the codec checked is valid UTF-8). */
    public String text() {
        return new String(body.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The content type, message id, time and body length only: the body is plaintext, or for
     * {@link ContentType#SENDER_KEY} a room's chain key, and must not reach a log.
     */
    @Override
    public String toString() {
        return "InnerMessage[" + contentType + ", id " + messageId.toHex() + ", sent " + sentAt + ", body "
                + body.length() + " bytes]";
    }

    /** Kinds of inner message. Unknown codes are refused (a later version adds kinds). */
    public enum ContentType {
        /** Strict UTF-8 text. */
        TEXT(1),
        /** A room's sender-key distribution (docs/E2EE.md, "Sender-key distribution"); binary body. */
        SENDER_KEY(2);

        private final int code;

        ContentType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The content type with this wire code, if any. */
        public static java.util.Optional<ContentType> fromCode(int code) {
            for (ContentType type : values()) {
                if (type.code == code) {
                    return java.util.Optional.of(type);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
