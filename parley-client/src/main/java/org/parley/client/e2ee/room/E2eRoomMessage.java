package org.parley.client.e2ee.room;

import java.time.Instant;
import java.util.Objects;

/**
 * One end-to-end room message as shown and kept in the device's local room history
 * (docs/E2EE.md §20.7).
 *
 * @param room the encrypted room
 * @param fromUser who wrote it (this account for an outgoing one)
 * @param fromDevice the writing device's id
 * @param outgoing written on this device (kept as sent: a device never decrypts its own envelopes)
 * @param messageId the sender's random inner-message id (hex), the same for every member
 * @param serverId the server's stored-message id (orders history pages), 0 if not known
 * @param epoch the sender chain's epoch
 * @param sentAt the sender's clock
 * @param text the message text
 * @param fromUnverifiedDevice from a device of a verified contact that the verification did not cover with
 *        the identity the room's log lists (docs/E2EE.md §20.5): the live room showed a
 *        {@link RoomNoticeKind#FROM_UNVERIFIED_DEVICE} notice before it, and the history keeps the mark
 */
public record E2eRoomMessage(String room, String fromUser, long fromDevice, boolean outgoing, String messageId,
        long serverId, long epoch, Instant sentAt, String text, boolean fromUnverifiedDevice) {

    public E2eRoomMessage {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(fromUser, "fromUser");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(text, "text");
    }

    /** A message not marked as from an unverified device (sent, or from a device the verification covered). */
    public E2eRoomMessage(String room, String fromUser, long fromDevice, boolean outgoing, String messageId,
            long serverId, long epoch, Instant sentAt, String text) {
        this(room, fromUser, fromDevice, outgoing, messageId, serverId, epoch, sentAt, text, false);
    }

    /** Never shows the text. */
    @Override
    public String toString() {
        return "E2eRoomMessage[" + room + ", " + fromUser + "/" + fromDevice + ", epoch " + epoch + ", " + messageId
                + (fromUnverifiedDevice ? ", from an unverified device" : "") + "]";
    }
}
