package org.parley.client.e2ee;

import java.time.Instant;
import java.util.Objects;
import org.parley.protocol.chat.SendId;

/**
 * A plaintext-room send ({@link org.parley.client.ParleySession#sendRoomText}) as the device keeps
 * it on disk until it has a definite outcome (docs/E2EE.md 20.1, 20.3): the room, the text and
 * the send id to send it again with after a restart.
 *
 * <p><b>Security.</b> The text sits in the owner-only device directory until the server answers;
 * the server reads plaintext rooms anyway. {@link #toString} never shows it.
 *
 * @param firstTry when it was first tried, by the settings' clock
 */
public record PendingPlainSend(String room, String text, SendId sendId, Instant firstTry) implements OutboxSend {

    public PendingPlainSend {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sendId, "sendId");
        Objects.requireNonNull(firstTry, "firstTry");
    }

    /** Never shows the text. */
    @Override
    public String toString() {
        return "PendingPlainSend[" + room + ", " + text.length() + " chars, " + sendId + ", " + firstTry + "]";
    }
}
