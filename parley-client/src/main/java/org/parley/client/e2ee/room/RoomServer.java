package org.parley.client.e2ee.room;

import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.SendId;

/**
 * The server requests the encrypted-room logic needs (docs/PROTOCOL.md §14: CreateEncryptedRoom,
 * AppendRoomLog, FetchRoomLog, SendRoomKeys, SendRoomMessage with an opaque body), answered
 * synchronously on the device's worker thread. A refusal is a
 * {@link org.parley.client.RequestFailedException} carrying the server's error code.
 */
interface RoomServer {

    ChatEvent.JoinedRoom join(String room) throws Exception;

    ChatEvent.JoinedRoom create(String room, RoomVisibility visibility, Bytes genesis) throws Exception;

    /** {@link ChatEvent.Accepted} for most entries, {@link ChatEvent.JoinedRoom} for a join. */
    ChatEvent.Answer append(String room, Bytes entry) throws Exception;

    /** Every entry from {@code fromSeq} on (all pages). */
    List<Bytes> fetchLog(String room, long fromSeq) throws Exception;

    void sendKeys(String room, List<EnvelopeTarget> envelopes) throws Exception;

    /** A page of the room's stored messages older than {@code beforeId} (0: the newest), newest first as the server pages. */
    ChatEvent.HistoryPage history(String room, long beforeId, int limit) throws Exception;

    /**
     * Sends the room envelope once under {@code sendId} (SendRoomMessageOnce, PROTOCOL.md 14.5) and
     * returns the server's id of the stored message; throws
     * {@link org.parley.client.e2ee.UnconfirmedSends.AnswerLost} when the answer was lost.
     */
    long sendEnvelope(String room, Bytes envelope, SendId sendId) throws Exception;
}
