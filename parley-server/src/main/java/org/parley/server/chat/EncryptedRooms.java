package org.parley.server.chat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.server.names.InvalidNameException;
import org.parley.server.names.NameKind;
import org.parley.server.names.NameRules;
import org.parley.server.rooms.BoundDevice;
import org.parley.server.rooms.CheckedEntry;
import org.parley.server.rooms.LogRefusal;
import org.parley.server.rooms.RoomLogs;
import org.parley.server.store.RoomLogStore;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.StoreException;

/**
 * End-to-end encrypted rooms (docs/PROTOCOL.md, Section 14.9), on the room's lane: creation from a
 * genesis entry, appends to the membership log with their effect on the chat state
 * ({@link LogEffects}), log pages, and the membership check of a sender-key distribution.
 *
 * <p><b>Security.</b> For an encrypted room the log is the membership: an entry is stored only
 * after {@link RoomLogs} accepted it, in one transaction with its chat-state changes, and memory
 * follows only after the commit. A refused request changes nothing. The audit log records the
 * room, seq, action and actor of each entry, never entry bytes or keys. Logs are served from the
 * {@link RoomLogStore} (the test seam), checks are made against the verified copy.
 */
final class EncryptedRooms {
    /** Upper bound of a log entry's encoding in a RoomLogPage besides its bytes: the length. */
    private static final int ENTRY_OVERHEAD = 2;
    private static final int EVENT_RESERVE = 1024;
    private final ChatContext context;
    private final Rooms rooms;
    private final Membership membership;
    private final RoomLogs logs;
    private final RoomLogStore store;
    private final LogEffects effects;

    EncryptedRooms(ChatContext context, Rooms rooms, Membership membership, RoomLogs logs, RoomLogStore store) {
        this.context = context;
        this.rooms = rooms;
        this.membership = membership;
        this.logs = logs;
        this.store = store;
        this.effects = new LogEffects(context, rooms);
    }

    void create(ChatSession session, ChatRequest.CreateEncryptedRoom request, BoundDevice device)
            throws Refusal, StoreException {
        String name;
        try {
            name = NameRules.displayForm(request.room(), NameKind.ROOM);
        } catch (InvalidNameException e) {
            throw new Refusal(ErrorCode.INVALID_NAME, e.getMessage());
        }
        String canonical = NameRules.canonical(name);
        if (context.directory().room(canonical).isPresent()) {
            throw new Refusal(ErrorCode.ROOM_EXISTS, "a room of that name exists already");
        }
        CheckedEntry genesis = checked(() -> RoomLogs.checkGenesis(name, request.visibility(), request.genesis(), device));
        Quota owned = context.directory().ownedRooms();
        if (!owned.tryTake(session.canonical())) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "an account may own at most " + owned.max()
                    + " rooms (limits.max-rooms-per-account)");
        }
        RoomRecord record = new RoomRecord(name, canonical, "", request.visibility(), session.canonical(),
                context.clock().millis());
        try {
            store.createRoom(record, request.genesis());
        } catch (StoreException.Conflict e) {
            owned.release(session.canonical());
            throw new Refusal(ErrorCode.ROOM_EXISTS, "a room of that name exists already");
        } catch (StoreException e) {
            owned.release(session.canonical());
            throw e;
        }
        RoomState room = new RoomState(record);
        room.markEncrypted();
        logs.adopt(canonical, genesis.log());
        context.directory().add(room);
        rooms.adoptMember(room, session.canonical(), Role.OWNER);
        context.audit().record("room_created", Map.of("room", name, "owner", session.user(),
                "visibility", request.visibility().name(), "encrypted", true));
        audit(room, genesis);
        context.console().joined(session.user(), name);
        membership.answerJoined(session, request.requestId(), room);
    }

    void append(ChatSession session, ChatRequest.AppendRoomLog request, BoundDevice device)
            throws Refusal, StoreException {
        RoomState room = requireEncrypted(request.room(), session);
        CheckedEntry checked = checked(() -> logs.checkAppend(room.canonical(), request.entry(), device));
        long seq = checked.entry().seq();
        Set<String> told = new LinkedHashSet<>(room.members().keySet());
        LogEffects.Plan plan = effects.plan(room, session, checked);
        try {
            store.append(room.canonical(), seq, request.entry(), plan.changes());
        } catch (StoreException.Conflict e) {
            plan.abandon().run();
            throw new Refusal(ErrorCode.LOG_CONFLICT, "the log has more than " + seq + " entries: fetch it and retry");
        } catch (StoreException e) {
            plan.abandon().run();
            throw e;
        }
        logs.adopt(room.canonical(), checked.log());
        plan.apply().run();
        audit(room, checked);
        if (checked.entry().body() instanceof LogBody.Join) {
            membership.answerJoined(session, request.requestId(), room);
        } else {
            session.deliver(new ChatEvent.Accepted(request.requestId(), seq));
        }
        told.addAll(room.members().keySet());
        plan.alsoTold().ifPresent(told::add);
        List<Bytes> served = store.entries(room.canonical(), seq, 1);
        if (!served.isEmpty()) {
            ChatEvent pushed = new ChatEvent.RoomLogAppended(room.name(), seq, served.getFirst());
            told.forEach(user -> context.online().sessionsOf(user).forEach(s -> s.deliver(pushed)));
        }
    }

    void fetch(ChatSession session, ChatRequest.FetchRoomLog request) throws Refusal, StoreException {
        RoomState room = requireEncrypted(request.room(), session);
        List<Bytes> candidates = store.entries(room.canonical(), request.fromSeq(), ChatLimits.MAX_LOG_PAGE_ENTRIES + 1);
        long budget = context.maxEventBytes() - EVENT_RESERVE;
        long total = 0;
        int count = 0;
        while (count < Math.min(candidates.size(), ChatLimits.MAX_LOG_PAGE_ENTRIES)) {
            total += ENTRY_OVERHEAD + candidates.get(count).length();
            if (total > budget) {
                break;
            }
            count++;
        }
        session.deliver(new ChatEvent.RoomLogPage(request.requestId(), room.name(), request.fromSeq(),
                candidates.subList(0, count), count < candidates.size()));
    }

    /**
     * The first half of SendRoomKeys: the room is encrypted and the sender a member; returns the
     * target user names that are members now, with their canonical names (the end-to-end lane checks
     * their devices and queues).
     */
    Map<String, String> keyRecipients(ChatSession session, ChatRequest.SendRoomKeys request) throws Refusal {
        RoomState room = requireEncrypted(request.room(), session);
        if (room.roleOf(session.canonical()) == Role.NONE) {
            throw new Refusal(ErrorCode.NOT_A_MEMBER, "join the room before sending its keys");
        }
        Map<String, String> members = new HashMap<>();
        for (EnvelopeTarget target : request.envelopes()) {
            try {
                String canonical = NameRules.canonicalOf(target.user(), NameKind.USER);
                if (room.roleOf(canonical) != Role.NONE) {
                    members.put(target.user(), canonical);
                }
            } catch (InvalidNameException e) {
                // not a member: the end-to-end lane answers no_such_device
            }
        }
        return members;
    }

    private RoomState requireEncrypted(String rawName, ChatSession session) throws Refusal {
        RoomState room = rooms.require(rawName, session);
        if (!room.encrypted()) {
            throw new Refusal(ErrorCode.MALFORMED_REQUEST, "this room is not end-to-end encrypted: it has no membership log");
        }
        return room;
    }

    private void audit(RoomState room, CheckedEntry checked) {
        context.audit().record("room_log_appended", Map.of("room", room.name(), "seq", checked.entry().seq(),
                "action", action(checked.entry().body()), "actor", checked.entry().actor().toString()));
    }

    /** The action's name as docs/E2EE.md Section 19.2 spells it. */
    private static String action(LogBody body) {
        return switch (body) {
            case LogBody.Create b -> "create";
            case LogBody.Invite b -> b.bound() ? "invite_devices" : "invite";
            case LogBody.Join b -> "join";
            case LogBody.Leave b -> "leave";
            case LogBody.Kick b -> "kick";
            case LogBody.Ban b -> "ban";
            case LogBody.RoleChange b -> "role";
            case LogBody.DeviceAdded b -> "device_added";
            case LogBody.DeviceRemoved b -> "device_removed";
        };
    }

    private static CheckedEntry checked(Check check) throws Refusal {
        try {
            return check.run();
        } catch (LogRefusal refusal) {
            throw new Refusal(refusal.code(), refusal.getMessage());
        }
    }

    @FunctionalInterface
    private interface Check {
        CheckedEntry run() throws LogRefusal;
    }
}
