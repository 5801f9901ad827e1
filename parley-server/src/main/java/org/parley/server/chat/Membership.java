package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.names.InvalidNameException;
import org.parley.server.names.NameKind;
import org.parley.server.names.NameRules;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.StoreException;

/**
 * Joining, leaving, creating and listing rooms, and listing members. Room requests run on the
 * room's lane; the room list and the list of online users on the requester's account lane.
 *
 * <p>Joining a private room uses up the invitation; an owner who leaves passes ownership to the
 * first operator (in canonical-name order), else the first member; if nobody is left, the room
 * keeps its owner, who may come back (docs/PROTOCOL.md §14).
 */
final class Membership {
    private final ChatContext context;
    private final Rooms rooms;
    private final RequestGate gate;

    Membership(ChatContext context, Rooms rooms, RequestGate gate) {
        this.context = context;
        this.rooms = rooms;
        this.gate = gate;
    }

    void join(ChatSession session, ChatRequest.JoinRoom request) throws Refusal, StoreException {
        RoomState room = rooms.require(request.room(), session);
        String user = session.canonical();
        if (room.isBanned(user, context.clock().millis())) {
            throw new Refusal(ErrorCode.BANNED, "you are banned from this room");
        }
        if (room.roleOf(user) == Role.NONE) {
            Rooms.requirePlain(room, "join it with a join entry in its membership log (AppendRoomLog)");
            boolean owner = room.owner().equals(user);
            if (room.visibility() == RoomVisibility.PRIVATE && !owner && room.invitedBy(user).isEmpty()) {
                throw new Refusal(ErrorCode.NO_SUCH_ROOM, "there is no room of that name");
            }
            rooms.putMember(room, user, owner ? Role.OWNER : Role.MEMBER);
            rooms.withdrawInvitation(room, user);
            context.console().joined(session.user(), room.name());
            rooms.broadcast(room, new ChatEvent.Presence(room.name(), session.user(), PresenceChange.JOINED,
                    room.onlineMembers().size()));
        }
        answerJoined(session, request.requestId(), room);
    }

    void create(ChatSession session, ChatRequest.CreateRoom request) throws Refusal, StoreException {
        String name;
        try {
            name = NameRules.displayForm(request.room(), NameKind.ROOM);
        } catch (InvalidNameException e) {
            throw new Refusal(ErrorCode.INVALID_NAME, e.getMessage());
        }
        String canonical = NameRules.canonical(name);
        if (context.directory().room(canonical).isPresent()) {
            // Unavoidable: a name can belong to one room only, so a refused create reveals that it is taken.
            throw new Refusal(ErrorCode.ROOM_EXISTS, "a room of that name exists already");
        }
        Quota owned = context.directory().ownedRooms();
        if (!owned.tryTake(session.canonical())) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "an account may own at most " + owned.max()
                    + " rooms (limits.max-rooms-per-account)");
        }
        RoomRecord record = new RoomRecord(name, canonical, "", request.visibility(), session.canonical(),
                context.clock().millis());
        try {
            context.rooms().createRoom(record);
        } catch (StoreException.Conflict e) {
            owned.release(session.canonical());
            throw new Refusal(ErrorCode.ROOM_EXISTS, "a room of that name exists already");
        } catch (StoreException e) {
            owned.release(session.canonical());
            throw e;
        }
        RoomState room = new RoomState(record);
        context.directory().add(room);
        rooms.putMember(room, session.canonical(), Role.OWNER);
        context.audit().record("room_created", Map.of("room", name, "owner", session.user(),
                "visibility", request.visibility().name()));
        context.console().joined(session.user(), name);
        answerJoined(session, request.requestId(), room);
    }

    void leave(ChatSession session, ChatRequest.LeaveRoom request) throws Refusal, StoreException {
        RoomState room = rooms.require(request.room(), session);
        Rooms.requirePlain(room, "leave it with a leave entry in its membership log (AppendRoomLog)");
        Role role = room.roleOf(session.canonical());
        if (role == Role.NONE) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "you are not a member of this room");
        }
        rooms.removeMember(room, session.canonical());
        if (role == Role.OWNER) {
            passOwnership(room, session);
        }
        context.console().left(session.user(), room.name());
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
        ChatEvent.Presence left = new ChatEvent.Presence(room.name(), session.user(), PresenceChange.LEFT,
                room.onlineMembers().size());
        rooms.broadcast(room, left);
        context.online().sessionsOf(session.canonical()).forEach(s -> s.deliver(left));
    }

    void listRooms(ChatSession session, ChatRequest.ListRooms request) {
        List<RoomInfo> visible = context.directory().visibleTo(session.canonical(), ChatLimits.MAX_LIST_ENTRIES)
                .stream().map(RoomState::info).toList();
        List<RoomInfo> answer = EventBudget.prefix(context.maxEventBytes(),
                r -> EventBudget.text(r.name()) + EventBudget.text(r.topic()) + 16, visible);
        gate.chargeListing(session, answer.size());
        session.deliver(new ChatEvent.RoomList(request.requestId(), answer));
    }

    /** The list of online users (no room): on the account lane. */
    void listOnline(ChatSession session, ChatRequest.ListMembers request) {
        List<MemberInfo> online = context.online().users(ChatLimits.MAX_LIST_ENTRIES).stream()
                .map(list -> new MemberInfo(list.getFirst().user(), Role.NONE, list.size())).toList();
        online = EventBudget.prefix(context.maxEventBytes(), m -> EventBudget.text(m.user()) + 8, online);
        gate.chargeListing(session, online.size());
        session.deliver(new ChatEvent.MemberList(request.requestId(), "", online));
    }

    void listMembers(ChatSession session, ChatRequest.ListMembers request) throws Refusal {
        Optional<String> roomName = request.room().filter(r -> !r.isEmpty());
        if (roomName.isEmpty()) {
            listOnline(session, request);
            return;
        }
        RoomState room = rooms.require(roomName.get(), session);
        if (room.visibility() == RoomVisibility.PRIVATE && room.roleOf(session.canonical()) == Role.NONE) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "this room is private");
        }
        List<MemberInfo> members = rooms.members(room);
        gate.chargeListing(session, members.size());
        session.deliver(new ChatEvent.MemberList(request.requestId(), room.name(), members));
    }

    /** The owner left: the first operator, else the first member, becomes owner; nobody left keeps the owner on record. */
    private void passOwnership(RoomState room, ChatSession leaving) throws StoreException {
        Optional<String> successor = room.members().entrySet().stream().filter(e -> e.getValue() == Role.OP)
                .map(Map.Entry::getKey).findFirst()
                .or(() -> room.members().keySet().stream().findFirst());
        if (successor.isEmpty()) {
            return;
        }
        String heir = successor.get();
        context.rooms().setOwner(room.canonical(), heir);
        rooms.putMember(room, heir, Role.OWNER);
        room.setOwner(heir);
        context.directory().ownedRooms().release(leaving.canonical());
        context.directory().ownedRooms().add(heir);
        context.audit().record("owner_passed", Map.of("room", room.name(), "from", leaving.user(),
                "to", rooms.displayName(heir)));
    }

    /**
     * JoinedRoom, then the last N messages oldest first, marked as history, delivered as one unit:
     * the history is read before anything is sent, so no answer from another lane (the ping a
     * client sends to learn that everything before it arrived) can overtake it.
     */
    void answerJoined(ChatSession session, long requestId, RoomState room) throws StoreException {
        List<MemberInfo> members = rooms.members(room);
        gate.chargeListing(session, members.size());
        List<StoredMessage> newestFirst = context.historyOnJoin() == 0 ? List.of()
                : context.messages().roomHistory(room.canonical(), Long.MAX_VALUE, context.historyOnJoin());
        if (!newestFirst.isEmpty()) {
            room.replayed(session, newestFirst.getFirst().id()); // not fanned out to it again (RoomState)
        }
        List<ChatEvent> events = new ArrayList<>(newestFirst.size() + 1);
        events.add(new ChatEvent.JoinedRoom(requestId, room.info(), members));
        for (StoredMessage message : newestFirst.reversed()) {
            events.add(new ChatEvent.RoomMessage(room.name(), message, true));
        }
        session.deliverAll(events);
    }
}
