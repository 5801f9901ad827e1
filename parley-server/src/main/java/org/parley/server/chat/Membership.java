package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.protocol.chat.ChatEvent;
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

/** Joining, leaving, creating and listing rooms, and listing members. */
final class Membership {
    private final ChatContext context;
    private final Rooms rooms;

    Membership(ChatContext context, Rooms rooms) {
        this.context = context;
        this.rooms = rooms;
    }

    void join(ChatSession session, ChatRequest.JoinRoom request) throws Refusal, StoreException {
        RoomRecord room = rooms.require(request.room());
        long now = context.clock().millis();
        if (context.rooms().isBanned(room.canonicalName(), session.canonical(), now)) {
            throw new Refusal(ErrorCode.BANNED, "you are banned from this room");
        }
        boolean member = rooms.roleOf(room, session.canonical()) != Role.NONE;
        if (!member && room.visibility() == RoomVisibility.PRIVATE
                && !context.rooms().isInvited(room.canonicalName(), session.canonical())) {
            throw new Refusal(ErrorCode.INVITE_REQUIRED, "this room is private: you need an invitation");
        }
        if (!member) {
            context.rooms().putMember(room.canonicalName(), session.canonical(), Role.MEMBER);
            context.console().joined(session.user(), room.name());
            rooms.broadcast(room, new ChatEvent.Presence(room.name(), session.user(), PresenceChange.JOINED,
                    rooms.onlineCount(room)));
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
        RoomRecord room = new RoomRecord(name, NameRules.canonical(name), "", request.visibility(), session.canonical(),
                context.clock().millis());
        try {
            context.rooms().createRoom(room);
        } catch (StoreException.Conflict e) {
            throw new Refusal(ErrorCode.ROOM_EXISTS, "a room of that name exists already");
        }
        context.rooms().putMember(room.canonicalName(), session.canonical(), Role.OWNER);
        context.audit().record("room_created", java.util.Map.of("room", name, "owner", session.user(),
                "visibility", request.visibility().name()));
        context.console().joined(session.user(), name);
        answerJoined(session, request.requestId(), room);
    }

    void leave(ChatSession session, ChatRequest.LeaveRoom request) throws Refusal, StoreException {
        RoomRecord room = rooms.require(request.room());
        if (!context.rooms().removeMember(room.canonicalName(), session.canonical())) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "you are not a member of this room");
        }
        context.console().left(session.user(), room.name());
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
        ChatEvent.Presence left = new ChatEvent.Presence(room.name(), session.user(), PresenceChange.LEFT,
                rooms.onlineCount(room));
        rooms.broadcast(room, left);
        context.online().sessionsOf(session.canonical()).forEach(s -> s.deliver(left));
    }

    void listRooms(ChatSession session, ChatRequest.ListRooms request) throws StoreException {
        List<String> mine = context.rooms().roomsOf(session.canonical());
        List<RoomInfo> visible = new ArrayList<>();
        for (RoomRecord room : context.rooms().listRooms()) {
            if (room.visibility() == RoomVisibility.PUBLIC || mine.contains(room.canonicalName())) {
                visible.add(rooms.info(room));
            }
        }
        session.deliver(new ChatEvent.RoomList(request.requestId(), EventBudget.prefix(context.maxEventBytes(),
                r -> EventBudget.text(r.name()) + EventBudget.text(r.topic()) + 16, visible)));
    }

    void listMembers(ChatSession session, ChatRequest.ListMembers request) throws Refusal, StoreException {
        Optional<String> roomName = request.room().filter(r -> !r.isEmpty());
        if (roomName.isEmpty()) {
            List<MemberInfo> online = context.online().users().stream()
                    .map(list -> new MemberInfo(list.getFirst().user(), Role.NONE, list.size())).toList();
            online = EventBudget.prefix(context.maxEventBytes(), m -> EventBudget.text(m.user()) + 8, online);
            session.deliver(new ChatEvent.MemberList(request.requestId(), "", online));
            return;
        }
        RoomRecord room = rooms.require(roomName.get());
        if (room.visibility() == RoomVisibility.PRIVATE && rooms.roleOf(room, session.canonical()) == Role.NONE) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "this room is private");
        }
        session.deliver(new ChatEvent.MemberList(request.requestId(), room.name(), rooms.members(room)));
    }

    /** JoinedRoom, then the last N messages oldest first, marked as history. */
    private void answerJoined(ChatSession session, long requestId, RoomRecord room) throws StoreException {
        session.deliver(new ChatEvent.JoinedRoom(requestId, rooms.info(room), rooms.members(room)));
        if (context.historyOnJoin() == 0) {
            return;
        }
        List<StoredMessage> newestFirst = context.messages().roomHistory(room.canonicalName(), Long.MAX_VALUE,
                context.historyOnJoin());
        for (StoredMessage message : newestFirst.reversed()) {
            session.deliver(new ChatEvent.RoomMessage(room.name(), message, true));
        }
    }
}
