package org.parley.server.chat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;
import org.parley.server.names.InvalidNameException;
import org.parley.server.names.NameKind;
import org.parley.server.names.NameRules;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.StoreException;

/**
 * Room and user look-ups shared by the request handlers, membership changes written through to
 * the store, and delivery to a room's online members. Room methods run on the room's lane.
 *
 * <p><b>Security.</b> A private room that the requester may not see (not a member, not invited,
 * not banned from it, not its recorded owner) is answered exactly like a room that does not
 * exist, {@code no_such_room}, whatever the request: its name is not revealed by a different
 * answer.
 */
final class Rooms {
    private final ChatContext context;

    Rooms(ChatContext context) {
        this.context = context;
    }

    /** The room, if it exists and {@code session} may know it does. */
    RoomState require(String rawName, ChatSession session) throws Refusal {
        String canonical = canonicalRoom(rawName);
        RoomState room = context.directory().room(canonical).orElse(null);
        if (room == null || !room.visibleTo(session.canonical(), context.clock().millis())) {
            throw new Refusal(ErrorCode.NO_SUCH_ROOM, "there is no room of that name");
        }
        return room;
    }

    /** Refuses a plaintext membership request or message on an encrypted room. */
    static void requirePlain(RoomState room, String what) throws Refusal {
        if (room.encrypted()) {
            throw new Refusal(ErrorCode.ENCRYPTED_ROOM, "this room is end-to-end encrypted: " + what);
        }
    }

    static String canonicalRoom(String rawName) throws Refusal {
        try {
            return NameRules.canonicalOf(rawName, NameKind.ROOM);
        } catch (InvalidNameException e) {
            throw new Refusal(ErrorCode.INVALID_NAME, e.getMessage());
        }
    }

    /** An account by name: from memory, or (registered since the start and never seen) one indexed store look-up. */
    Account requireUser(String rawName) throws Refusal, StoreException {
        String canonical;
        try {
            canonical = NameRules.canonicalOf(rawName, NameKind.USER);
        } catch (InvalidNameException e) {
            throw new Refusal(ErrorCode.INVALID_NAME, e.getMessage());
        }
        var known = context.directory().accountName(canonical);
        if (known.isPresent()) {
            return new Account(canonical, known.get());
        }
        AccountRecord record = context.accounts().findAccount(canonical)
                .orElseThrow(() -> new Refusal(ErrorCode.NO_SUCH_USER, "there is no user of that name"));
        context.directory().learnAccount(canonical, record.name());
        return new Account(canonical, record.name());
    }

    /** Refuses unless the user is OWNER or OP of the room. */
    Role requireOperator(RoomState room, ChatSession session) throws Refusal {
        Role role = room.roleOf(session.canonical());
        if (role != Role.OWNER && role != Role.OP) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "only the room's owner or an operator may do that");
        }
        return role;
    }

    /**
     * Adds or changes a membership: the store first, then memory. The account's room index is
     * updated before its online state is read: a login on the account's lane adds the session
     * and then reads the index, so either that login sees this room (and tells it the user is
     * online) or this join sees the session (and the user is online at once). Both happen inside
     * {@link OnlineUsers#whileUnchanged}, so a first or last session of the user in progress (whose
     * "online" or "offline" the room may already have run) is never read half done.
     */
    void putMember(RoomState room, String user, Role role) throws StoreException {
        context.rooms().putMember(room.canonical(), user, role);
        adoptMember(room, user, role);
    }

    /** The memory half of {@link #putMember}, for a membership the store already holds (written with a log entry). */
    void adoptMember(RoomState room, String user, Role role) {
        context.online().whileUnchanged(user, online -> {
            context.directory().joined(room.canonical(), user);
            room.putMember(user, role, online);
        });
    }

    /** The memory half of {@link #removeMember}. */
    void adoptRemoval(RoomState room, String user) {
        room.removeMember(user);
        context.directory().left(room.canonical(), user);
    }

    /** Removes a membership: the store first, then memory. */
    void removeMember(RoomState room, String user) throws StoreException {
        context.rooms().removeMember(room.canonical(), user);
        room.removeMember(user);
        context.directory().left(room.canonical(), user);
    }

    /** Withdraws {@code user}'s invitation to the room, if any, and frees the inviter's quota. */
    boolean withdrawInvitation(RoomState room, String user) throws StoreException {
        if (room.invitedBy(user).isEmpty()) {
            return false;
        }
        context.rooms().uninvite(room.canonical(), user);
        room.uninvite(user).ifPresent(context.directory().invitations()::release);
        return true;
    }

    /**
     * Sends {@code event} to every session of every online member: work in proportion to the
     * recipients. The event is encoded once here; each connection only seals the shared bytes.
     * Returns the number of sessions it was handed to.
     */
    int broadcast(RoomState room, ChatEvent event) {
        return broadcast(room, event, () -> { });
    }

    /** As {@link #broadcast(RoomState, ChatEvent)}; {@code whenWritten} runs once every recipient's connection wrote it. */
    int broadcast(RoomState room, ChatEvent event, Runnable whenWritten) {
        return fanOut(room, event, whenWritten);
    }

    /**
     * As {@link #broadcast(RoomState, ChatEvent, Runnable)} for room messages that are committed
     * but not yet durable, in commit order, {@code senders} holding each one's sender: each
     * recipient gets the ones it may see now as one unit ({@link SessionLink#deliverEncoded}), and
     * the room's {@link SenderEchoes} keeps back the rest: a sender's own message and everything
     * after it, and everything for a sender still waiting for an earlier acknowledgement. Each
     * message is encoded once. {@code whenWritten} runs once every recipient's connection wrote
     * its part (it does not wait for what is kept back). A session whose join replayed some of them
     * as history ({@link RoomState#replayed}) does not get those again. Returns the deliveries:
     * sessions times messages.
     */
    int broadcastVisible(RoomState room, List<ChatSession> senders, List<ChatEvent.RoomMessage> events,
                         Runnable whenWritten) {
        SenderEchoes echoes = room.senderEchoes();
        int count = events.size();
        // Senders not waiting before: each sees the messages before its first own one.
        Map<ChatSession, Integer> firstOwn = new IdentityHashMap<>();
        for (int i = 0; i < count; i++) {
            ChatSession sender = senders.get(i);
            if (!echoes.holds(sender)) {
                firstOwn.putIfAbsent(sender, i);
            }
            echoes.expect(sender);
        }
        List<Bytes> encoded = new ArrayList<>(count);
        for (ChatEvent.RoomMessage event : events) {
            encoded.add(ChatCodec.encode(event));
        }
        FanOutReceipt receipt = new FanOutReceipt(whenWritten);
        int sessions = 0;
        try {
            for (String member : room.onlineMembers()) {
                for (ChatSession session : context.online().sessionsOf(member)) {
                    sessions++;
                    Integer own = firstOwn.get(session);
                    int shown = own != null ? own : echoes.holds(session) ? 0 : count;
                    // A join that read the room's history while these were committed replayed them already.
                    int from = 0;
                    long replayed = room.replayedTo(session);
                    while (from < count && events.get(from).message().id() <= replayed) {
                        from++;
                    }
                    for (int i = shown; i < count; i++) {
                        if (i >= from || senders.get(i) == session) { // its own copy is its acknowledgement
                            echoes.hold(session, events.get(i), encoded.get(i));
                        }
                    }
                    if (shown > from) {
                        receipt.add();
                        session.link().deliverEncoded(events.subList(from, shown), encoded.subList(from, shown), receipt);
                    }
                }
            }
            holdOwnCopiesOfSendersGone(room, senders, events, encoded);
        } finally {
            room.fannedOut(count, events.getLast().message().id());
            receipt.written();
        }
        return sessions * count;
    }

    /**
     * A sender no longer among the room's online members (removed, or it left, after its message was
     * accepted) was not reached above, yet its own copy is its acknowledgement
     * ({@link SenderEchoes#acknowledged}): it is held for it all the same, and only that.
     */
    private static void holdOwnCopiesOfSendersGone(RoomState room, List<ChatSession> senders,
                                                   List<ChatEvent.RoomMessage> events, List<Bytes> encoded) {
        for (int i = 0; i < senders.size(); i++) {
            ChatSession sender = senders.get(i);
            if (!room.onlineMembers().contains(sender.canonical())) {
                room.senderEchoes().hold(sender, events.get(i), encoded.get(i));
            }
        }
    }

    /** Encodes {@code event} once and queues it for every online member's session. */
    private int fanOut(RoomState room, ChatEvent event, Runnable whenWritten) {
        FanOutReceipt receipt = new FanOutReceipt(whenWritten);
        int sessions = 0;
        try {
            Bytes encoded = ChatCodec.encode(event);
            for (String member : room.onlineMembers()) {
                for (ChatSession session : context.online().sessionsOf(member)) {
                    receipt.add();
                    session.link().deliver(event, encoded, receipt);
                    sessions++;
                }
            }
        } finally {
            receipt.written();
        }
        return sessions;
    }

    /** The first members in canonical order, as many as fit in one event; no store access. */
    List<MemberInfo> members(RoomState room) {
        List<MemberInfo> list = new ArrayList<>();
        for (Map.Entry<String, Role> entry : room.members().entrySet()) {
            if (list.size() == ChatLimits.MAX_LIST_ENTRIES) {
                break;
            }
            list.add(new MemberInfo(displayName(entry.getKey()), entry.getValue(),
                    context.online().sessionsOf(entry.getKey()).size()));
        }
        return EventBudget.prefix(context.maxEventBytes(), m -> EventBudget.text(m.user()) + 8, list);
    }

    /** The display name of a canonical user name, from memory. */
    String displayName(String canonical) {
        List<ChatSession> sessions = context.online().sessionsOf(canonical);
        if (!sessions.isEmpty()) {
            return sessions.getFirst().user();
        }
        return context.directory().accountName(canonical).orElse(canonical);
    }

    /** An account's canonical and display names. */
    record Account(String canonical, String name) {
    }
}
