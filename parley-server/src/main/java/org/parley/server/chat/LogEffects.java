package org.parley.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.Membership;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.Role;
import org.parley.server.names.InvalidNameException;
import org.parley.server.names.NameKind;
import org.parley.server.names.NameRules;
import org.parley.server.rooms.CheckedEntry;
import org.parley.server.store.RoomChange;
import org.parley.server.store.StoreException;

/**
 * What an accepted membership-log entry does to the server's chat state (docs/PROTOCOL.md, Section
 * 14.9), planned before the entry is stored: the {@link RoomChange}s written with it, then, once
 * the store committed, the same changes in memory and the events users see, as for the plaintext
 * request of the same meaning. Runs on the room's lane.
 *
 * <p>User names in entries must be spelled exactly as the accounts' names, so that the log and the
 * server's state name the same users; a name that is not is {@code log_rejected}.
 */
final class LogEffects {
    private final ChatContext context;
    private final Rooms rooms;

    LogEffects(ChatContext context, Rooms rooms) {
        this.context = context;
        this.rooms = rooms;
    }

    /** The plan of one entry: store changes, the memory and event step, the undo of a taken quota, who else is told. */
    record Plan(List<RoomChange> changes, Step apply, Runnable abandon, Optional<String> alsoTold) {
    }

    @FunctionalInterface
    interface Step {
        void run();
    }

    Plan plan(RoomState room, ChatSession session, CheckedEntry checked) throws Refusal, StoreException {
        String actor = session.canonical();
        Membership after = checked.log().membership();
        return switch (checked.entry().body()) {
            case LogBody.Invite invite -> invite(room, session, exact(invite.target()));
            case LogBody.Join join -> new Plan(List.of(new RoomChange.PutMember(actor, Role.MEMBER),
                    new RoomChange.Uninvite(actor)), () -> {
                        rooms.adoptMember(room, actor, Role.MEMBER);
                        room.uninvite(actor).ifPresent(context.directory().invitations()::release);
                        rooms.broadcast(room, new ChatEvent.Presence(room.name(), session.user(), PresenceChange.JOINED,
                                room.onlineMembers().size()));
                    }, () -> { }, Optional.empty());
            case LogBody.Leave leave -> removal(room, session, new Rooms.Account(actor, session.user()), after,
                    PresenceChange.LEFT, false);
            case LogBody.Kick kick -> removal(room, session, exact(kick.target()), after, PresenceChange.KICKED, false);
            case LogBody.Ban ban -> removal(room, session, exact(ban.target()), after, PresenceChange.BANNED, true);
            case LogBody.RoleChange change -> role(room, exact(change.target()), change.role(), after);
            case LogBody.Create create -> nothing();
            case LogBody.DeviceAdded added -> nothing();
            case LogBody.DeviceRemoved removed -> nothing();
        };
    }

    private Plan invite(RoomState room, ChatSession session, Rooms.Account target) throws Refusal {
        Quota quota = context.directory().invitations();
        String by = session.canonical();
        if (!quota.tryTake(by)) {
            throw new Refusal(ErrorCode.NOT_PERMITTED, "an account may have at most " + quota.max()
                    + " invitations outstanding (limits.max-invites-per-account)");
        }
        return new Plan(List.of(new RoomChange.Invite(target.canonical(), by)), () -> {
            room.invite(target.canonical(), by).ifPresent(quota::release);
            context.online().sessionsOf(target.canonical())
                    .forEach(s -> s.deliver(new ChatEvent.Invited(room.name(), session.user())));
        }, () -> quota.release(by), Optional.of(target.canonical()));
    }

    /** Leave, kick or ban: the membership goes (and a ban stays for good); the recorded owner's role passes on. */
    private Plan removal(RoomState room, ChatSession by, Rooms.Account target, Membership after, PresenceChange how,
                         boolean ban) {
        List<RoomChange> changes = new ArrayList<>();
        boolean member = room.roleOf(target.canonical()) != Role.NONE;
        if (member) {
            changes.add(new RoomChange.RemoveMember(target.canonical()));
        }
        if (how != PresenceChange.LEFT) {
            changes.add(new RoomChange.Uninvite(target.canonical()));
        }
        if (ban) {
            changes.add(new RoomChange.Ban(target.canonical(), by.canonical()));
        }
        Optional<String> heir = heir(room, target.canonical(), after);
        heir.ifPresent(h -> changes.add(new RoomChange.SetOwner(h)));
        return new Plan(changes, () -> {
            if (ban) {
                room.ban(target.canonical(), Long.MAX_VALUE);
            }
            room.uninvite(target.canonical()).ifPresent(context.directory().invitations()::release);
            heir.ifPresent(h -> passOwnership(room, h));
            if (!member) {
                return;
            }
            rooms.adoptRemoval(room, target.canonical());
            ChatEvent.Presence presence = new ChatEvent.Presence(room.name(), target.name(), how,
                    room.onlineMembers().size());
            rooms.broadcast(room, presence);
            context.online().sessionsOf(target.canonical()).forEach(s -> s.deliver(how == PresenceChange.LEFT
                    ? presence : new ChatEvent.RemovedFromRoom(room.name(), by.user(), how, "")));
        }, () -> { }, Optional.empty());
    }

    private Plan role(RoomState room, Rooms.Account target, org.parley.e2ee.group.Role logRole, Membership after) {
        Role role = switch (logRole) {
            case MEMBER -> Role.MEMBER;
            case OPERATOR -> Role.OP;
            case OWNER -> Role.OWNER;
        };
        List<RoomChange> changes = new ArrayList<>(List.of(new RoomChange.PutMember(target.canonical(), role)));
        Optional<String> heir = heir(room, target.canonical(), after);
        heir.ifPresent(h -> changes.add(new RoomChange.SetOwner(h)));
        return new Plan(changes, () -> {
            rooms.adoptMember(room, target.canonical(), role);
            heir.ifPresent(h -> passOwnership(room, h));
        }, () -> { }, Optional.empty());
    }

    /** If the recorded owner is the one losing the role, the first remaining owner of the log (its rules keep one). */
    private static Optional<String> heir(RoomState room, String affected, Membership after) {
        if (!room.owner().equals(affected)) {
            return Optional.empty();
        }
        for (Map.Entry<String, org.parley.e2ee.group.Role> entry : after.roles().entrySet()) {
            if (entry.getValue() == org.parley.e2ee.group.Role.OWNER) {
                String canonical = NameRules.canonical(entry.getKey());
                if (!canonical.equals(affected)) {
                    return Optional.of(canonical);
                }
            }
        }
        return Optional.empty();
    }

    private void passOwnership(RoomState room, String heir) {
        context.directory().ownedRooms().release(room.owner());
        context.directory().ownedRooms().add(heir);
        room.setOwner(heir);
    }

    private static Plan nothing() {
        return new Plan(List.of(), () -> { }, () -> { }, Optional.empty());
    }

    /** The account a log entry names: it must exist and be spelled as its name. */
    private Rooms.Account exact(String userInLog) throws Refusal, StoreException {
        try {
            NameRules.canonicalOf(userInLog, NameKind.USER);
        } catch (InvalidNameException e) {
            throw new Refusal(ErrorCode.LOG_REJECTED, "LOG_FORBIDDEN: a user named in the entry is not a valid name");
        }
        Rooms.Account account = rooms.requireUser(userInLog);
        if (!account.name().equals(userInLog)) {
            throw new Refusal(ErrorCode.LOG_REJECTED, "LOG_FORBIDDEN: user names in the log must be spelled exactly as "
                    + "the account's name (" + account.name() + ")");
        }
        return account;
    }
}
