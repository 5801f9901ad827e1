package org.parley.protocol.chat;

import java.util.List;
import org.parley.crypto.Bytes;

/** Something the server tells an authenticated client: answers to requests and pushed events. */
public sealed interface ChatEvent {

    /** The request succeeded; {@code messageId} is the stored message's id for sends, else 0. */
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
}
