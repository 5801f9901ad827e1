package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.server.names.InvalidNameException;
import org.parley.server.names.NameKind;
import org.parley.server.names.NameRules;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.StoreException;

/** Room and user look-ups shared by the request handlers, and delivery to a room's online members. */
final class Rooms {
    private final ChatContext context;

    Rooms(ChatContext context) {
        this.context = context;
    }

    RoomRecord require(String rawName) throws Refusal, StoreException {
        String canonical = canonicalRoom(rawName);
        return context.rooms().findRoom(canonical)
                .orElseThrow(() -> new Refusal(ErrorCode.NO_SUCH_ROOM, "there is no room of that name"));
    }

    static String canonicalRoom(String rawName) throws Refusal {
        try {
            return NameRules.canonicalOf(rawName, NameKind.ROOM);
        } catch (InvalidNameException e) {
            throw new Refusal(ErrorCode.INVALID_NAME, e.getMessage());
        }
    }

    AccountRecord requireUser(String rawName) throws Refusal, StoreException {
        String canonical;
        try {
            canonical = NameRules.canonicalOf(rawName, NameKind.USER);
        } catch (InvalidNameException e) {
            throw new Refusal(ErrorCode.INVALID_NAME, e.getMessage());
        }
        return context.accounts().findAccount(canonical)
                .orElseThrow(() -> new Refusal(ErrorCode.NO_SUCH_USER, "there is no user of that name"));
    }

    /** The requester's role in the room, NONE if not a member. */
    Role roleOf(RoomRecord room, String canonicalUser) throws StoreException {
        return context.rooms().members(room.canonicalName()).getOrDefault(canonicalUser, Role.NONE);
    }

    /** Refuses unless the user is OWNER or OP of the room. */
    Role requireOperator(RoomRecord room, ChatSession session) throws Refusal, StoreException {
        Role role = roleOf(room, session.canonical());
        if (role != Role.OWNER && role != Role.OP) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "only the room's owner or an operator may do that");
        }
        return role;
    }

    /** Sends {@code event} to every online session of every member. */
    void broadcast(RoomRecord room, ChatEvent event) throws StoreException {
        for (String member : context.rooms().members(room.canonicalName()).keySet()) {
            context.online().sessionsOf(member).forEach(s -> s.deliver(event));
        }
    }

    /** Members who are online (users, not sessions). */
    int onlineCount(RoomRecord room) throws StoreException {
        return (int) context.rooms().members(room.canonicalName()).keySet().stream()
                .filter(context.online()::isOnline).count();
    }

    RoomInfo info(RoomRecord room) throws StoreException {
        Map<String, Role> members = context.rooms().members(room.canonicalName());
        int online = (int) members.keySet().stream().filter(context.online()::isOnline).count();
        return new RoomInfo(room.name(), room.topic(), room.visibility(), members.size(), online);
    }

    List<MemberInfo> members(RoomRecord room) throws StoreException {
        List<MemberInfo> list = new ArrayList<>();
        for (Map.Entry<String, Role> entry : context.rooms().members(room.canonicalName()).entrySet()) {
            list.add(new MemberInfo(displayName(entry.getKey()), entry.getValue(),
                    context.online().sessionsOf(entry.getKey()).size()));
        }
        return EventBudget.prefix(context.maxEventBytes(), m -> EventBudget.text(m.user()) + 8, list);
    }

    /** The display name of a canonical user name (from a live session when online). */
    String displayName(String canonical) throws StoreException {
        List<ChatSession> sessions = context.online().sessionsOf(canonical);
        if (!sessions.isEmpty()) {
            return sessions.getFirst().user();
        }
        return context.accounts().findAccount(canonical).map(AccountRecord::name).orElse(canonical);
    }
}
