package org.parley.server.chat;

import java.util.Map;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.Role;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.StoreException;

/**
 * Room administration: topic, invitations, kick, ban / unban and roles. OWNER and OP may do all
 * but SetRole, which only the OWNER may; nobody may kick, ban or demote the owner.
 */
final class Moderation {
    private final ChatContext context;
    private final Rooms rooms;

    Moderation(ChatContext context, Rooms rooms) {
        this.context = context;
        this.rooms = rooms;
    }

    void topic(ChatSession session, ChatRequest.SetTopic request) throws Refusal, StoreException {
        RoomRecord room = rooms.require(request.room());
        rooms.requireOperator(room, session);
        if (request.topic().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ChatLimits.MAX_TOPIC_BYTES) {
            throw new Refusal(ErrorCode.MESSAGE_TOO_LARGE, "a topic is at most " + ChatLimits.MAX_TOPIC_BYTES + " bytes");
        }
        context.rooms().setTopic(room.canonicalName(), request.topic());
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
        rooms.broadcast(room, new ChatEvent.TopicChanged(room.name(), request.topic(), session.user()));
    }

    void invite(ChatSession session, ChatRequest.Invite request) throws Refusal, StoreException {
        RoomRecord room = rooms.require(request.room());
        rooms.requireOperator(room, session);
        AccountRecord target = rooms.requireUser(request.user());
        context.rooms().invite(room.canonicalName(), target.canonicalName(), session.canonical());
        audit("invite", session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
        context.online().sessionsOf(target.canonicalName())
                .forEach(s -> s.deliver(new ChatEvent.Invited(room.name(), session.user())));
    }

    void kick(ChatSession session, ChatRequest.Kick request) throws Refusal, StoreException {
        RoomRecord room = rooms.require(request.room());
        Role mine = rooms.requireOperator(room, session);
        AccountRecord target = rooms.requireUser(request.user());
        Role theirs = rooms.roleOf(room, target.canonicalName());
        if (theirs == Role.NONE) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "that user is not a member of this room");
        }
        requireOutranks(mine, theirs);
        remove(room, target, session, PresenceChange.KICKED, request.reason());
        audit("kick", session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    void ban(ChatSession session, ChatRequest.Ban request) throws Refusal, StoreException {
        RoomRecord room = rooms.require(request.room());
        Role mine = rooms.requireOperator(room, session);
        AccountRecord target = rooms.requireUser(request.user());
        Role theirs = rooms.roleOf(room, target.canonicalName());
        requireOutranks(mine, theirs);
        long now = context.clock().millis();
        long until = request.durationSeconds() <= 0 || request.durationSeconds() > Long.MAX_VALUE / 2000 - now / 1000
                ? Long.MAX_VALUE : now + request.durationSeconds() * 1000;
        context.rooms().ban(room.canonicalName(), target.canonicalName(), until, session.canonical(), request.reason());
        if (theirs != Role.NONE) {
            remove(room, target, session, PresenceChange.BANNED, request.reason());
        }
        audit("ban", session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    void unban(ChatSession session, ChatRequest.Unban request) throws Refusal, StoreException {
        RoomRecord room = rooms.require(request.room());
        rooms.requireOperator(room, session);
        AccountRecord target = rooms.requireUser(request.user());
        context.rooms().unban(room.canonicalName(), target.canonicalName());
        audit("unban", session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    void setRole(ChatSession session, ChatRequest.SetRole request) throws Refusal, StoreException {
        RoomRecord room = rooms.require(request.room());
        if (rooms.roleOf(room, session.canonical()) != Role.OWNER) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "only the room's owner may change roles");
        }
        AccountRecord target = rooms.requireUser(request.user());
        Role theirs = rooms.roleOf(room, target.canonicalName());
        if (theirs == Role.NONE) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "that user is not a member of this room");
        }
        if (theirs == Role.OWNER || request.role() != Role.MEMBER && request.role() != Role.OP) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "roles can be set to member or op only, and not for the owner");
        }
        context.rooms().putMember(room.canonicalName(), target.canonicalName(), request.role());
        audit("set_role_" + request.role().name().toLowerCase(java.util.Locale.ROOT), session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    private void remove(RoomRecord room, AccountRecord target, ChatSession by, PresenceChange how, String reason)
            throws StoreException {
        context.rooms().removeMember(room.canonicalName(), target.canonicalName());
        context.online().sessionsOf(target.canonicalName())
                .forEach(s -> s.deliver(new ChatEvent.RemovedFromRoom(room.name(), by.user(), how, reason)));
        rooms.broadcast(room, new ChatEvent.Presence(room.name(), target.name(), how, rooms.onlineCount(room)));
    }

    private static void requireOutranks(Role mine, Role theirs) throws Refusal {
        if (theirs == Role.OWNER || mine == Role.OP && theirs == Role.OP) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "you cannot remove someone of equal or higher rank");
        }
    }

    private void audit(String event, ChatSession by, RoomRecord room, AccountRecord target) {
        context.audit().record(event, Map.of("room", room.name(), "by", by.user(), "target", target.name()));
    }
}
