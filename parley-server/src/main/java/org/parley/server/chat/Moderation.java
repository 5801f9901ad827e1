package org.parley.server.chat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.Role;
import org.parley.server.store.StoreException;

/**
 * Room administration: topic, invitations and their withdrawal, kick, ban / unban and roles.
 * OWNER and OP may do all but SetRole, which only the OWNER may; nobody may kick, ban or demote
 * the owner. Runs on the room's lane.
 *
 * <p><b>Security.</b> A kick or ban also withdraws the user's invitation, so a user removed from a
 * private room cannot walk back in (and read its history) with the invitation that first let them in.
 */
final class Moderation {
    private final ChatContext context;
    private final Rooms rooms;

    Moderation(ChatContext context, Rooms rooms) {
        this.context = context;
        this.rooms = rooms;
    }

    void topic(ChatSession session, ChatRequest.SetTopic request) throws Refusal, StoreException {
        RoomState room = rooms.require(request.room(), session);
        rooms.requireOperator(room, session);
        if (request.topic().getBytes(StandardCharsets.UTF_8).length > ChatLimits.MAX_TOPIC_BYTES) {
            throw new Refusal(ErrorCode.MESSAGE_TOO_LARGE, "a topic is at most " + ChatLimits.MAX_TOPIC_BYTES + " bytes");
        }
        context.rooms().setTopic(room.canonical(), request.topic());
        room.setTopic(request.topic());
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
        rooms.broadcast(room, new ChatEvent.TopicChanged(room.name(), request.topic(), session.user()));
    }

    void invite(ChatSession session, ChatRequest.Invite request) throws Refusal, StoreException {
        RoomState room = rooms.require(request.room(), session);
        Rooms.requirePlain(room, "use its membership log (AppendRoomLog)");
        rooms.requireOperator(room, session);
        Rooms.Account target = rooms.requireUser(request.user());
        Quota quota = context.directory().invitations();
        String by = session.canonical();
        boolean renewal = room.invitedBy(target.canonical()).filter(by::equals).isPresent();
        if (!renewal && !quota.tryTake(by)) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "an account may have at most " + quota.max()
                    + " invitations outstanding (limits.max-invites-per-account)");
        }
        try {
            context.rooms().invite(room.canonical(), target.canonical(), by);
        } catch (StoreException e) {
            if (!renewal) {
                quota.release(by);
            }
            throw e;
        }
        room.invite(target.canonical(), by).filter(previous -> !renewal).ifPresent(quota::release);
        audit("invite", session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
        context.online().sessionsOf(target.canonical())
                .forEach(s -> s.deliver(new ChatEvent.Invited(room.name(), session.user())));
    }

    /** Withdraws an invitation; accepted whether or not there was one, so that it can be repeated safely. */
    void uninvite(ChatSession session, ChatRequest.Uninvite request) throws Refusal, StoreException {
        RoomState room = rooms.require(request.room(), session);
        Rooms.requirePlain(room, "use its membership log (AppendRoomLog)");
        rooms.requireOperator(room, session);
        Rooms.Account target = rooms.requireUser(request.user());
        if (rooms.withdrawInvitation(room, target.canonical())) {
            audit("uninvite", session, room, target);
        }
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    void kick(ChatSession session, ChatRequest.Kick request) throws Refusal, StoreException {
        RoomState room = rooms.require(request.room(), session);
        Rooms.requirePlain(room, "use its membership log (AppendRoomLog)");
        Role mine = rooms.requireOperator(room, session);
        Rooms.Account target = rooms.requireUser(request.user());
        Role theirs = room.roleOf(target.canonical());
        if (theirs == Role.NONE) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "that user is not a member of this room");
        }
        requireOutranks(mine, theirs);
        rooms.withdrawInvitation(room, target.canonical());
        remove(room, target, session, PresenceChange.KICKED, request.reason());
        audit("kick", session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    void ban(ChatSession session, ChatRequest.Ban request) throws Refusal, StoreException {
        RoomState room = rooms.require(request.room(), session);
        Rooms.requirePlain(room, "use its membership log (AppendRoomLog)");
        Role mine = rooms.requireOperator(room, session);
        Rooms.Account target = rooms.requireUser(request.user());
        Role theirs = room.roleOf(target.canonical());
        requireOutranks(mine, theirs);
        if (room.owner().equals(target.canonical())) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "you cannot remove someone of equal or higher rank");
        }
        long now = context.clock().millis();
        long until = request.durationSeconds() <= 0 || request.durationSeconds() > Long.MAX_VALUE / 2000 - now / 1000
                ? Long.MAX_VALUE : now + request.durationSeconds() * 1000;
        context.rooms().ban(room.canonical(), target.canonical(), until, session.canonical(), request.reason());
        room.ban(target.canonical(), until);
        rooms.withdrawInvitation(room, target.canonical());
        if (theirs != Role.NONE) {
            remove(room, target, session, PresenceChange.BANNED, request.reason());
        }
        audit("ban", session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    void unban(ChatSession session, ChatRequest.Unban request) throws Refusal, StoreException {
        RoomState room = rooms.require(request.room(), session);
        Rooms.requirePlain(room, "use its membership log (AppendRoomLog)");
        rooms.requireOperator(room, session);
        Rooms.Account target = rooms.requireUser(request.user());
        context.rooms().unban(room.canonical(), target.canonical());
        room.unban(target.canonical());
        audit("unban", session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    void setRole(ChatSession session, ChatRequest.SetRole request) throws Refusal, StoreException {
        RoomState room = rooms.require(request.room(), session);
        Rooms.requirePlain(room, "use its membership log (AppendRoomLog)");
        if (room.roleOf(session.canonical()) != Role.OWNER) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "only the room's owner may change roles");
        }
        Rooms.Account target = rooms.requireUser(request.user());
        Role theirs = room.roleOf(target.canonical());
        if (theirs == Role.NONE) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "that user is not a member of this room");
        }
        if (theirs == Role.OWNER || request.role() != Role.MEMBER && request.role() != Role.OP) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "roles can be set to member or op only, and not for the owner");
        }
        rooms.putMember(room, target.canonical(), request.role());
        audit("set_role_" + request.role().name().toLowerCase(Locale.ROOT), session, room, target);
        session.deliver(new ChatEvent.Accepted(request.requestId(), 0));
    }

    private void remove(RoomState room, Rooms.Account target, ChatSession by, PresenceChange how, String reason)
            throws StoreException {
        rooms.removeMember(room, target.canonical());
        context.online().sessionsOf(target.canonical())
                .forEach(s -> s.deliver(new ChatEvent.RemovedFromRoom(room.name(), by.user(), how, reason)));
        rooms.broadcast(room, new ChatEvent.Presence(room.name(), target.name(), how, room.onlineMembers().size()));
    }

    private static void requireOutranks(Role mine, Role theirs) throws Refusal {
        if (theirs == Role.OWNER || mine == Role.OP && theirs == Role.OP) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "you cannot remove someone of equal or higher rank");
        }
    }

    private void audit(String event, ChatSession by, RoomState room, Rooms.Account target) {
        context.audit().record(event, Map.of("room", room.name(), "by", by.user(), "target", target.name()));
    }
}
