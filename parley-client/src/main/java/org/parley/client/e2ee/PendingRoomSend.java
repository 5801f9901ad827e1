package org.parley.client.e2ee;

import java.time.Instant;
import java.util.Objects;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.SendId;

/**
 * An encrypted-room send as the device keeps it on disk until it has a definite outcome
 * (docs/E2EE.md 20.3, 20.7): the exact envelope to send again and what to record once the server
 * confirms it.
 *
 * @param message what is appended to the room's history on {@code Accepted}, with the id answered
 */
public record PendingRoomSend(String room, Bytes envelope, SendId sendId, E2eRoomMessage message, Instant firstTry)
        implements OutboxSend {

    public PendingRoomSend {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(sendId, "sendId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(firstTry, "firstTry");
    }

    /** Never shows the text or the envelope. */
    @Override
    public String toString() {
        return "PendingRoomSend[" + room + ", " + envelope.length() + " bytes, " + sendId + ", " + message + "]";
    }
}
