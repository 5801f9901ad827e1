package org.parley.protocol.chat;

import java.util.List;
import org.parley.crypto.Bytes;

/** Something the server tells an authenticated client: answers to requests and pushed events. */
public sealed interface ChatEvent {

    /**
     * The request succeeded; {@code messageId} is the stored message's id for sends, else 0. The
     * end-to-end requests put their result here: the device id (AddDevice, BindDevice,
     * RemoveDevice), the first envelope id (SendEnvelopes), the number deleted (AckEnvelopes).
     */
    record Accepted(long requestId, long messageId) implements ChatEvent {
    }

    /** The request failed; {@code detail} is a human-readable English explanation. */
    record Rejected(long requestId, ErrorCode code, String detail) implements ChatEvent {
    }

    /** Answer to JoinRoom / CreateRoom, followed by up to N {@link RoomMessage}s marked as history. */
    record JoinedRoom(long requestId, RoomInfo room, List<MemberInfo> members) implements ChatEvent {
    }

    record RoomList(long requestId, List<RoomInfo> rooms) implements ChatEvent {
    }

    /** Members of a room, or every online user when {@code room} is empty. */
    record MemberList(long requestId, String room, List<MemberInfo> members) implements ChatEvent {
    }

    /** A page of older messages, newest first. */
    record HistoryPage(long requestId, Conversation conversation, List<StoredMessage> messages, boolean more) implements ChatEvent {
    }

    /** A room message, live or replayed ({@code history}); the sender's own copy is its acknowledgement. */
    record RoomMessage(String room, StoredMessage message, boolean history) implements ChatEvent {
    }

    /** A private message; {@code history} marks one stored while the recipient was offline. */
    record PrivateMessage(String to, StoredMessage message, boolean history) implements ChatEvent {
    }

    /** Someone joined or left a room, or came online or went offline (room empty). */
    record Presence(String room, String user, PresenceChange change, int onlineCount) implements ChatEvent {
    }

    record TopicChanged(String room, String topic, String by) implements ChatEvent {
    }

    /** This user was invited to a private room. */
    record Invited(String room, String by) implements ChatEvent {
    }

    /** This user was removed from a room by an operator. */
    record RemovedFromRoom(String room, String by, PresenceChange how, String reason) implements ChatEvent {
    }

    /** The server is shutting down or closing this session; the text says why. */
    record Notice(String text) implements ChatEvent {
    }

    // ---- end-to-end devices, prekeys and envelopes (docs/PROTOCOL.md, Section 14.8) -------------

    /** Answer to ListDevices: {@code user}'s devices in id order. */
    record DeviceList(long requestId, String user, List<DeviceInfo> devices) implements ChatEvent {
    }

    /** One-time prekeys left in the bound device's pools (answer to UploadPrekeys and CountPrekeys). */
    record PrekeyCounts(long requestId, int oneTimeX25519, int oneTimeKem) implements ChatEvent {
    }

    /** Answer to FetchBundles: one bundle per device of {@code user}, in device-id order. */
    record BundleList(long requestId, String user, List<PrekeyBundle> bundles) implements ChatEvent {
    }

    /**
     * The rejection of a SendEnvelopes whose recipients were not exactly the current devices: the
     * current device ids of the peer and of the sender (all of them, the sending one included).
     */
    record DeviceMismatch(long requestId, String peer, List<Long> peerDevices, List<Long> ownDevices) implements ChatEvent {
    }

    /**
     * Envelopes queued for this session's device, oldest first; {@code requestId} 0 for a push (a
     * live envelope, or the first page after binding). {@code more}: later envelopes are queued.
     */
    record EnvelopeBatch(long requestId, List<QueuedEnvelope> envelopes, boolean more) implements ChatEvent {
    }

    /** A device was added to or removed from {@code user}'s account (the user's own, or a contact's). */
    record DeviceChanged(String user, long deviceId, DeviceChange change) implements ChatEvent {
    }
}
