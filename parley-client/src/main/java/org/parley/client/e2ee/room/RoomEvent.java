package org.parley.client.e2ee.room;

import org.parley.e2ee.group.RoomError;

/**
 * What the encrypted-room layer of a {@link org.parley.client.ParleySession} reports to
 * {@link org.parley.client.SessionListener#onRoom}, through the session's callback executor. Each
 * belongs to the room {@link #room()}. The English {@code detail} texts are for logs and bots; the
 * UIs translate from the typed fields.
 */
public sealed interface RoomEvent {

    /** The encrypted room this event belongs to. */
    String room();

    /** A room message decrypted and already stored in the local room history (or sent from here). */
    record Message(E2eRoomMessage message) implements RoomEvent {
        @Override
        public String room() {
            return message.room();
        }
    }

    /**
     * A membership or key change read from the verified log, or done by this device.
     *
     * @param user the member concerned (empty for {@link RoomNoticeKind#REKEYED} and {@link RoomNoticeKind#HISTORY_NOT_SHARED})
     * @param deviceId the device concerned, 0 if none
     * @param detail extra facts in English (a role, an epoch), never secret
     */
    record Notice(String room, RoomNoticeKind kind, String user, long deviceId, String detail) implements RoomEvent {
    }

    /**
     * Something was refused and changed no state: a room message with a bad signature, from a
     * non-member or out of the window, a distribution from a device the log does not admit, a
     * membership log that is broken, forked or breaks the rules, an entry the server refused.
     *
     * @param error the room core's reason
     * @param detail what was refused, in English, never secret
     */
    record Problem(String room, RoomError error, String detail) implements RoomEvent {
    }
}
