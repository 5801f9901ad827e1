package org.parley.protocol.chat;

import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramMechanism;

/**
 * Something the server tells an authenticated client: an {@link Answer} to one of its requests
 * (it carries the request's id) or a {@link Push} the server sent on its own. A client routes an
 * event with a type test, and a {@code switch} over either family is exhaustive without
 * {@code default}. Every answer carries its request's id on the wire; no push does.
 */
public sealed interface ChatEvent {

    /** The answer to the request whose id it carries; exactly one per request. */
    sealed interface Answer extends ChatEvent {
        /** The id of the request this answers. */
        long requestId();
    }

    /** An event the server sends on its own (messages, presence, topics, invitations, notices). */
    sealed interface Push extends ChatEvent {
    }

    /**
     * The request succeeded; {@code messageId} is the stored message's id for sends, else 0. The
     * end-to-end requests put their result here: the device id (AddDevice, BindDevice,
     * RemoveDevice), the first envelope id (SendEnvelopes), the number deleted (AckEnvelopes).
     */
    record Accepted(long requestId, long messageId) implements Answer {
    }

    /** The request failed; {@code detail} is a human-readable English explanation. */
    record Rejected(long requestId, ErrorCode code, String detail) implements Answer {
    }

    /** Answer to JoinRoom / CreateRoom, followed by up to N {@link RoomMessage}s marked as history. */
    record JoinedRoom(long requestId, RoomInfo room, List<MemberInfo> members) implements Answer {
    }

    record RoomList(long requestId, List<RoomInfo> rooms) implements Answer {
    }

    /** Members of a room, or every online user when {@code room} is empty. */
    record MemberList(long requestId, String room, List<MemberInfo> members) implements Answer {
    }

    /** A page of older messages, newest first. */
    record HistoryPage(long requestId, Conversation conversation, List<StoredMessage> messages, boolean more) implements Answer {
    }

    /** A room message, live or replayed ({@code history}); the sender's own copy is its acknowledgement. */
    record RoomMessage(String room, StoredMessage message, boolean history) implements Push {
    }

    /** A private message; {@code history} marks one stored while the recipient was offline. */
    record PrivateMessage(String to, StoredMessage message, boolean history) implements Push {
    }

    /** Someone joined or left a room, or came online or went offline (room empty). */
    record Presence(String room, String user, PresenceChange change, int onlineCount) implements Push {
    }

    record TopicChanged(String room, String topic, String by) implements Push {
    }

    /** This user was invited to a private room. */
    record Invited(String room, String by) implements Push {
    }

    /** This user was removed from a room by an operator. */
    record RemovedFromRoom(String room, String by, PresenceChange how, String reason) implements Push {
    }

    /** The server is shutting down or closing this session; the text says why. */
    record Notice(String text) implements Push {
    }

    /** Answer to ListLoginKeys: the account's login keys, oldest first (at most {@link ChatLimits#MAX_LOGIN_KEYS}). */
    record LoginKeyList(long requestId, List<RegisteredPublicKey> keys) implements Answer {
        public LoginKeyList {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Answer to GetPasswordParams: the session's own account's current SCRAM mechanism, salt and
     * iteration count, from which the client derives the proof of its current password.
     */
    record PasswordParams(long requestId, ScramMechanism mechanism, Bytes salt, int iterations) implements Answer {
        public PasswordParams {
            if (salt.isEmpty() || salt.length() > AuthCodec.MAX_SALT) {
                throw new IllegalArgumentException("salt must be 1.." + AuthCodec.MAX_SALT + " bytes");
            }
            if (iterations < 1 || iterations > ScramMechanism.MAX_ITERATIONS) {
                throw new IllegalArgumentException("iterations must be 1.." + ScramMechanism.MAX_ITERATIONS);
            }
        }
    }

    // ---- end-to-end devices, prekeys and envelopes (docs/PROTOCOL.md, Section 14.8) -------------

    /** Answer to ListDevices: {@code user}'s devices in id order. */
    record DeviceList(long requestId, String user, List<DeviceInfo> devices) implements Answer {
    }

    /** One-time prekeys left in the bound device's pools (answer to UploadPrekeys and CountPrekeys). */
    record PrekeyCounts(long requestId, int oneTimeX25519, int oneTimeKem) implements Answer {
    }

    /** Answer to FetchBundles: one bundle per device of {@code user}, in device-id order. */
    record BundleList(long requestId, String user, List<PrekeyBundle> bundles) implements Answer {
    }

    /** Answer to ListDevicesMany: one entry per requested user, in request order. */
    record DeviceLists(long requestId, List<UserDevices> lists) implements Answer {
        public DeviceLists {
            lists = List.copyOf(lists);
        }
    }

    /** Answer to FetchBundlesMany: one entry per requested user, in request order. */
    record BundleLists(long requestId, List<UserBundles> lists) implements Answer {
        public BundleLists {
            lists = List.copyOf(lists);
        }
    }

    /**
     * The rejection of a SendEnvelopes whose recipients were not exactly the current devices: the
     * current device ids of the peer and of the sender (all of them, the sending one included).
     */
    record DeviceMismatch(long requestId, String peer, List<Long> peerDevices, List<Long> ownDevices) implements Answer {
    }

    /**
     * Answer to FetchEnvelopes: envelopes queued for this session's device after the requested id,
     * oldest first; {@code more}: later envelopes are queued.
     */
    record EnvelopePage(long requestId, List<QueuedEnvelope> envelopes, boolean more) implements Answer {
    }

    /**
     * Envelopes pushed to this session's device: a live envelope, or the first page of its queue
     * after binding; {@code more}: later envelopes are queued (fetch them with FetchEnvelopes).
     */
    record EnvelopeBatch(List<QueuedEnvelope> envelopes, boolean more) implements Push {
    }

    /** A device was added to or removed from {@code user}'s account (the user's own, or a contact's). */
    record DeviceChanged(String user, long deviceId, DeviceChange change) implements Push {
    }

    // ---- end-to-end encrypted rooms (docs/PROTOCOL.md, Section 14.9) ----------------------------

    /**
     * Answer to FetchRoomLog: the room's log entries from {@code fromSeq} on, in seq order;
     * {@code more}: later entries follow (fetch from {@code fromSeq + entries.size()}).
     */
    record RoomLogPage(long requestId, String room, long fromSeq, List<Bytes> entries, boolean more) implements Answer {
        public RoomLogPage {
            entries = List.copyOf(entries);
        }
    }

    /** An entry was appended to the membership log of an encrypted room this user is (or was) a member of. */
    record RoomLogAppended(String room, long seq, Bytes entry) implements Push {
    }
}
