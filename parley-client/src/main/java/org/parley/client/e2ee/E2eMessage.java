package org.parley.client.e2ee;

import java.time.Instant;
import java.util.Objects;
import org.parley.e2ee.E2eSuite;

/**
 * One end-to-end private message as shown and kept in the local history.
 *
 * @param peer the other party of the conversation
 * @param fromUser who wrote it (the peer, or this account for an outgoing one)
 * @param fromDevice the writing device's id (this device's own id for a message written here)
 * @param outgoing written by this account (on this device or on another of its devices)
 * @param suite the end-to-end suite of the session it travelled in (for a message written here: the suite used)
 * @param messageId the sender's random message id (hex), the same in every device's copy
 * @param sentAt the sender's clock
 * @param text the message text
 * @param fromUnverifiedDevice received from a device of a verified contact that the verification did not
 *        cover with the key its session carries (docs/E2EE.md §20.5): the live conversation showed
 *        {@link E2eEvent.FromUnverifiedDevice} before it, and the history keeps the mark
 */
public record E2eMessage(String peer, String fromUser, long fromDevice, boolean outgoing, E2eSuite suite,
        String messageId, Instant sentAt, String text, boolean fromUnverifiedDevice) {

    public E2eMessage {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(fromUser, "fromUser");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(text, "text");
    }

    /** A message not marked as from an unverified device (sent, or from a device the verification covered). */
    public E2eMessage(String peer, String fromUser, long fromDevice, boolean outgoing, E2eSuite suite,
            String messageId, Instant sentAt, String text) {
        this(peer, fromUser, fromDevice, outgoing, suite, messageId, sentAt, text, false);
    }

    /** Never shows the text. */
    @Override
    public String toString() {
        return "E2eMessage[" + fromUser + "/" + fromDevice + " -> " + peer + ", " + suite.label() + ", " + messageId
                + (fromUnverifiedDevice ? ", from an unverified device" : "") + "]";
    }
}
