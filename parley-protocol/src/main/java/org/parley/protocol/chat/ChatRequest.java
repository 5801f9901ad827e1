package org.parley.protocol.chat;

import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A request from an authenticated client to the server (docs/PROTOCOL.md, "Chat messages").
 *
 * <p>Every request carries a client-chosen {@code requestId} (u32) that the server's answer
 * ({@link ChatEvent.Accepted}, {@link ChatEvent.Rejected} or a listing) repeats. The sender of a
 * message is never a field here: the server takes it from the authenticated session.
 */
public sealed interface ChatRequest {

    long requestId();

    /** Joins a room (public, or private with an invitation). The answer is {@link ChatEvent.JoinedRoom}. */
    record JoinRoom(long requestId, String room) implements ChatRequest {
    }

    record LeaveRoom(long requestId, String room) implements ChatRequest {
    }

    /** Creates a room owned by the requester, who joins it. */
    record CreateRoom(long requestId, String room, RoomVisibility visibility) implements ChatRequest {
    }

    /** Answered with {@link ChatEvent.RoomList}: public rooms and the private rooms the requester is in. */
    record ListRooms(long requestId) implements ChatRequest {
    }

    /** Answered with {@link ChatEvent.MemberList} for a room, or the global online list when room is empty. */
    record ListMembers(long requestId, Optional<String> room) implements ChatRequest {
    }

    record SetTopic(long requestId, String room, String topic) implements ChatRequest {
    }

    /** Invites a user into a private room (owner or op only). */
    record Invite(long requestId, String room, String user) implements ChatRequest {
    }

    /** Withdraws a user's invitation to a room (owner or op only); accepted whether or not there was one. */
    record Uninvite(long requestId, String room, String user) implements ChatRequest {
    }

    record Kick(long requestId, String room, String user, String reason) implements ChatRequest {
    }

    /** Bans a user from a room; {@code durationSeconds} 0 means until lifted. */
    record Ban(long requestId, String room, String user, long durationSeconds, String reason) implements ChatRequest {
    }

    record Unban(long requestId, String room, String user) implements ChatRequest {
    }

    /** Changes a member's role (owner only). */
    record SetRole(long requestId, String room, String user, Role role) implements ChatRequest {
    }

    /**
     * A message to a room; acknowledged by the stored message itself coming back. With a
     * {@code sendId} it is sent once ({@code send_room_message_once}, 37): a repeat with the same id
     * is answered with the first one's outcome and stored nothing (docs/PROTOCOL.md 14.5).
     */
    record SendRoomMessage(long requestId, String room, ContentType contentType, Bytes body, Optional<SendId> sendId)
            implements ChatRequest {
        public SendRoomMessage {
            java.util.Objects.requireNonNull(sendId, "sendId");
        }

        /** Without a send id ({@code send_room_message}, 12). */
        public SendRoomMessage(long requestId, String room, ContentType contentType, Bytes body) {
            this(requestId, room, contentType, body, Optional.empty());
        }
    }

    /** A private message: delivered to the two parties' sessions only. */
    record SendPrivateMessage(long requestId, String toUser, ContentType contentType, Bytes body) implements ChatRequest {
    }

    /**
     * Older history of a room ({@code room} set) or of the private conversation with {@code peer}:
     * messages with id below {@code beforeId} (0 = newest), newest first, at most {@code limit}.
     */
    record FetchHistory(long requestId, Conversation conversation, long beforeId, int limit) implements ChatRequest {
    }

    /**
     * Replaces the requester's SCRAM verifier (computed by the client: the server never sees the
     * password). {@code currentProof} proves the current password for this connection and this
     * new verifier ({@link org.parley.protocol.auth.PasswordChangeProof}).
     */
    record ChangePassword(long requestId, Bytes currentProof, ScramVerifier newVerifier) implements ChatRequest {
        public ChangePassword {
            if (currentProof.length() < ChatLimits.MIN_PASSWORD_PROOF || currentProof.length() > ChatLimits.MAX_PASSWORD_PROOF) {
                throw new IllegalArgumentException("current password proof must be " + ChatLimits.MIN_PASSWORD_PROOF
                        + ".." + ChatLimits.MAX_PASSWORD_PROOF + " bytes");
            }
        }

        /** Shows the proof's length only: it is derived from the password. */
        @Override
        public String toString() {
            return "ChangePassword[requestId=" + requestId + ", proof " + currentProof.length() + " bytes, " + newVerifier + "]";
        }
    }

    /** Asks for the session's own account's SCRAM parameters; answered with {@link ChatEvent.PasswordParams}. */
    record GetPasswordParams(long requestId) implements ChatRequest {
    }

    /**
     * Sets how the server delivers to this connection; answered with {@code accepted}. Bit 0 of
     * {@code flags}, {@link #ACCEPT_BATCH_RECORDS}: the client accepts batch records
     * (docs/PROTOCOL.md, Sections 10.5.1 and 14.5); the other bits are 0.
     */
    record SetDeliveryOptions(long requestId, int flags) implements ChatRequest {
        /** The client accepts batch records from the next flush on. */
        public static final int ACCEPT_BATCH_RECORDS = 1;

        public SetDeliveryOptions {
            if ((flags & ~ACCEPT_BATCH_RECORDS) != 0) {
                throw new IllegalArgumentException("unknown delivery option bits " + flags);
            }
        }

        public boolean acceptsBatchRecords() {
            return (flags & ACCEPT_BATCH_RECORDS) != 0;
        }
    }

    record AddLoginKey(long requestId, SignatureComponent algorithm, Bytes publicKey) implements ChatRequest {
    }

    record RemoveLoginKey(long requestId, SignatureComponent algorithm, Bytes publicKey) implements ChatRequest {
    }

    /** Lists the login keys of the session's own account; answered with {@link ChatEvent.LoginKeyList}. */
    record ListLoginKeys(long requestId) implements ChatRequest {
    }

    /** Keeps an idle connection alive; answered with Accepted. */
    record Ping(long requestId) implements ChatRequest {
    }

    // ---- end-to-end devices, prekeys and envelopes (docs/PROTOCOL.md, Section 14.8) -------------

    /**
     * Adds this connection's device to the account and binds the session to it; answered with
     * {@code Accepted(request_id, device_id)}. {@code proof} is an Ed25519 signature by the key in
     * the identity's first 32 bytes over {@code "parley-e2ee v1 device" || channel_binding}; the two
     * prekey records give the new device a complete bundle from the start.
     */
    record AddDevice(long requestId, Bytes identity, String name, Bytes signedPrekey, Bytes lastResortPrekey,
                     Bytes proof) implements ChatRequest {
    }

    /** Binds this session to an existing device of the account (same proof as AddDevice); answered with Accepted. */
    record BindDevice(long requestId, long deviceId, Bytes proof) implements ChatRequest {
    }

    /** Answered with {@link ChatEvent.DeviceList}: any user's devices. */
    record ListDevices(long requestId, String user) implements ChatRequest {
    }

    /**
     * Answered with {@link ChatEvent.DeviceLists}: the devices of each of 1..{@value ChatLimits#MAX_USERS_PER_DEVICE_LISTS}
     * distinct users, as {@link ListDevices} would list them, in request order (docs/PROTOCOL.md 14.8).
     */
    record ListDevicesMany(long requestId, List<String> users) implements ChatRequest {
        public ListDevicesMany {
            users = List.copyOf(users);
        }
    }

    /** Removes one of the requester's own devices with its queue and prekeys. */
    record RemoveDevice(long requestId, long deviceId) implements ChatRequest {
    }

    /**
     * Uploads prekey records for the bound device: a signed prekey and a last-resort KEM prekey
     * replace the current ones, one-time records join the pools. Answered with {@link ChatEvent.PrekeyCounts}.
     */
    record UploadPrekeys(long requestId, Optional<Bytes> signedPrekey, List<Bytes> oneTimeX25519,
                         List<Bytes> oneTimeKem, Optional<Bytes> lastResortPrekey) implements ChatRequest {
    }

    /** Answered with {@link ChatEvent.PrekeyCounts} for the bound device. */
    record CountPrekeys(long requestId) implements ChatRequest {
    }

    /** Answered with {@link ChatEvent.BundleList}: one bundle per device of {@code user}; rate-limited. */
    record FetchBundles(long requestId, String user) implements ChatRequest {
    }

    /**
     * Answered with {@link ChatEvent.BundleLists}: the bundles of each of 1..{@value ChatLimits#MAX_USERS_PER_BUNDLE_LISTS}
     * distinct users, as {@link FetchBundles} would hand them out, in request order and in one
     * transaction (docs/PROTOCOL.md 14.8).
     */
    record FetchBundlesMany(long requestId, List<String> users) implements ChatRequest {
        public FetchBundlesMany {
            users = List.copyOf(users);
        }
    }

    /**
     * One message to {@code peer}, as one envelope per device: every device of the peer and every
     * other device of the sender. Answered with {@code Accepted(request_id, first envelope id)}
     * after the commit, or {@link ChatEvent.DeviceMismatch} when the list is not exactly the current devices.
     */
    record SendEnvelopes(long requestId, String peer, List<EnvelopeTarget> envelopes, Optional<SendId> sendId)
            implements ChatRequest {
        public SendEnvelopes {
            java.util.Objects.requireNonNull(sendId, "sendId");
        }

        /** Without a send id ({@code send_envelopes}, 26); with one it is {@code send_envelopes_once} (38). */
        public SendEnvelopes(long requestId, String peer, List<EnvelopeTarget> envelopes) {
            this(requestId, peer, envelopes, Optional.empty());
        }
    }

    /** Answered with an {@link ChatEvent.EnvelopePage} of the bound device's queue after {@code afterId}. */
    record FetchEnvelopes(long requestId, long afterId) implements ChatRequest {
    }

    /** Deletes the given envelopes from the bound device's queue; answered with {@code Accepted(request_id, deleted)}. */
    record AckEnvelopes(long requestId, List<Long> envelopeIds) implements ChatRequest {
    }

    // ---- end-to-end encrypted rooms (docs/PROTOCOL.md, Section 14.9) ----------------------------

    /**
     * Creates an encrypted room from its membership log's {@code genesis} (a {@code create} entry
     * at seq 0, docs/E2EE.md Section 19.2); answered with {@link ChatEvent.JoinedRoom}.
     */
    record CreateEncryptedRoom(long requestId, String room, RoomVisibility visibility, Bytes genesis)
            implements ChatRequest {
    }

    /**
     * Appends one signed entry to an encrypted room's membership log; answered with
     * {@code Accepted(request_id, seq)}, or {@link ChatEvent.JoinedRoom} for a join entry.
     */
    record AppendRoomLog(long requestId, String room, Bytes entry) implements ChatRequest {
    }

    /** Answered with a {@link ChatEvent.RoomLogPage} of the room's membership log from {@code fromSeq} on. */
    record FetchRoomLog(long requestId, String room, long fromSeq) implements ChatRequest {
    }

    /**
     * Sender-key distributions for an encrypted room, one pairwise envelope per member device;
     * queued like SendEnvelopes' and answered with {@code Accepted(request_id, first envelope id)}.
     */
    record SendRoomKeys(long requestId, String room, List<EnvelopeTarget> envelopes) implements ChatRequest {
        public SendRoomKeys {
            envelopes = List.copyOf(envelopes);
        }
    }
}
