package org.parley.server.chat;

import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.Conversation;

/**
 * Which lane ({@link Lanes}) a request runs on: every request about a room on that room's lane,
 * so a room's state has one owner and its messages keep their order; private messages on the
 * recipient's account lane (live and offline delivery to one user in order); everything else
 * about an account on the requester's account lane.
 *
 * End-to-end requests (devices, prekeys, envelopes) all run on one lane, {@link #E2E}: their
 * state (bound devices, bundle-fetch buckets) has that lane as its one owner, and an envelope
 * send, the recipients' acknowledgements and device changes keep one order.
 *
 * <p>Creating an encrypted room and appending to its membership log start on {@link #E2E}, which
 * knows the session's bound device, and continue on the room's lane; a sender-key distribution
 * starts on the room's lane (membership) and continues on {@link #E2E} (devices, queues).
 *
 * <p>A room name that is not valid goes to the requester's lane, where the handler refuses it.
 */
final class LaneKey {
    /** The one lane of the end-to-end service (org.parley.server.e2e). */
    static final String E2E = "e2e";

    private LaneKey() {
    }

    static String of(ChatSession session, ChatRequest request) {
        return switch (request) {
            case ChatRequest.JoinRoom r -> room(session, r.room());
            case ChatRequest.LeaveRoom r -> room(session, r.room());
            case ChatRequest.CreateRoom r -> room(session, r.room());
            case ChatRequest.ListMembers r -> r.room().filter(name -> !name.isEmpty())
                    .map(name -> room(session, name)).orElseGet(() -> account(session.canonical()));
            case ChatRequest.SetTopic r -> room(session, r.room());
            case ChatRequest.Invite r -> room(session, r.room());
            case ChatRequest.Uninvite r -> room(session, r.room());
            case ChatRequest.Kick r -> room(session, r.room());
            case ChatRequest.Ban r -> room(session, r.room());
            case ChatRequest.Unban r -> room(session, r.room());
            case ChatRequest.SetRole r -> room(session, r.room());
            case ChatRequest.SendRoomMessage r -> room(session, r.room());
            case ChatRequest.SendPrivateMessage r -> user(session, r.toUser());
            case ChatRequest.FetchHistory r -> switch (r.conversation()) {
                case Conversation.InRoom inRoom -> room(session, inRoom.room());
                case Conversation.WithUser withUser -> account(session.canonical());
            };
            case ChatRequest.ListRooms r -> account(session.canonical());
            case ChatRequest.ChangePassword r -> account(session.canonical());
            case ChatRequest.AddLoginKey r -> account(session.canonical());
            case ChatRequest.RemoveLoginKey r -> account(session.canonical());
            case ChatRequest.ListLoginKeys r -> account(session.canonical());
            case ChatRequest.GetPasswordParams r -> account(session.canonical());
            case ChatRequest.Ping r -> account(session.canonical());
            case ChatRequest.SetDeliveryOptions r -> account(session.canonical());
            case ChatRequest.AddDevice r -> E2E;
            case ChatRequest.BindDevice r -> E2E;
            case ChatRequest.ListDevices r -> E2E;
            case ChatRequest.RemoveDevice r -> E2E;
            case ChatRequest.UploadPrekeys r -> E2E;
            case ChatRequest.CountPrekeys r -> E2E;
            case ChatRequest.FetchBundles r -> E2E;
            case ChatRequest.ListDevicesMany r -> E2E;
            case ChatRequest.FetchBundlesMany r -> E2E;
            case ChatRequest.SendEnvelopes r -> E2E;
            case ChatRequest.FetchEnvelopes r -> E2E;
            case ChatRequest.AckEnvelopes r -> E2E;
            case ChatRequest.CreateEncryptedRoom r -> E2E;
            case ChatRequest.AppendRoomLog r -> E2E;
            case ChatRequest.FetchRoomLog r -> room(session, r.room());
            case ChatRequest.SendRoomKeys r -> room(session, r.room());
        };
    }

    static String account(String canonicalUser) {
        return "user:" + canonicalUser;
    }

    static String room(String canonicalRoom) {
        return "room:" + canonicalRoom;
    }

    private static String room(ChatSession session, String rawName) {
        try {
            return room(Rooms.canonicalRoom(rawName));
        } catch (Refusal invalid) {
            return account(session.canonical());
        }
    }

    private static String user(ChatSession session, String rawName) {
        try {
            return account(org.parley.server.names.NameRules.canonicalOf(rawName,
                    org.parley.server.names.NameKind.USER));
        } catch (org.parley.server.names.InvalidNameException invalid) {
            return account(session.canonical());
        }
    }
}
