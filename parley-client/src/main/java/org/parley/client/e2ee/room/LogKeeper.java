package org.parley.client.e2ee.room;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.client.EndToEndException;
import org.parley.client.ParleyClient;
import org.parley.client.RequestFailedException;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.LogEntry;
import org.parley.e2ee.group.LogEntryCodec;
import org.parley.e2ee.group.Membership;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.e2ee.group.Visibility;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.RoomVisibility;

/**
 * Keeps each room's membership log: makes and signs entries on the verified head and appends them
 * (re-made on the new head when another entry won the race), and accepts what the server shows
 * only when it extends the verified log. A refused log is a {@link RoomEvent.Problem} and changes
 * nothing (docs/E2EE.md §19.3, §20.7).
 */
final class LogKeeper {
    /** Appends tried before giving up on a log that keeps moving. */
    static final int MAX_ATTEMPTS = 4;

    private final HeldRooms rooms;
    private final RoomDevice device;
    private final Clock clock;
    private final RoomNotices notices;
    /** "room\0device id" of the pending own devices already shown (once per room and run, not at every sync). */
    private final Set<String> shownPending = new HashSet<>();

    LogKeeper(HeldRooms rooms, RoomDevice device, Clock clock, RoomNotices notices) {
        this.rooms = rooms;
        this.device = device;
        this.clock = clock;
        this.notices = notices;
    }

    ChatEvent.JoinedRoom create(RoomServer server, String room, RoomVisibility visibility) throws Exception {
        DeviceRef self = registered();
        if (rooms.find(room, self).isPresent()) {
            throw new RequestFailedException(ErrorCode.ROOM_EXISTS, "this device already holds a room named " + room);
        }
        DeviceKeys keys = device.keys();
        LogEntry genesis = VerifiedLog.create(keys, self, clock.instant(), room, room,
                visibility == RoomVisibility.PUBLIC ? Visibility.PUBLIC : Visibility.PRIVATE);
        List<Bytes> entries = List.of(genesis.encoded());
        VerifiedLog log = VerifiedLog.verify(entries);
        ChatEvent.JoinedRoom joined = server.create(room, visibility, genesis.encoded());
        rooms.adopt(room, entries, log, self);
        notices.entries(room, entries);
        return joined;
    }

    /**
     * Joins by a signed join entry (the server refused the plain JoinRoom with encrypted_room);
     * {@code client} lists this account's devices when the invitation names keys.
     */
    ChatEvent.JoinedRoom join(RoomServer server, String room, ParleyClient client) throws Exception {
        DeviceRef self = registered();
        rooms.markEncrypted(room);
        List<Bytes> shownFor = List.of();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Bytes> entries = server.fetchLog(room, 0);
            VerifiedLog log = verified(room, entries);
            if (log.membership().admits(self)) {
                HeldRoom held = rooms.adopt(room, entries, log, self);
                return server.join(held.name);
            }
            if (!log.membership().invitationKeys(self.user()).equals(shownFor)) {
                // Once per invitation, not again at each retry after a log_conflict.
                shownFor = log.membership().invitationKeys(self.user());
                showKeysNotOurs(room, entries, log.membership(), self, client);
            }
            requireNamedByInvitation(room, log.membership(), self);
            LogEntry entry = log.next(device.keys(), self, clock.instant(), new LogBody.Join(device.keys().identity().encoded()));
            VerifiedLog after = checked(room, log, entry);
            ChatEvent.Answer answer;
            try {
                answer = server.append(room, entry.encoded());
            } catch (RequestFailedException e) {
                if (e.code() == ErrorCode.LOG_CONFLICT) {
                    continue;
                }
                throw e;
            }
            List<Bytes> joinedLog = new java.util.ArrayList<>(entries);
            joinedLog.add(entry.encoded());
            rooms.adopt(room, joinedLog, after, self);
            notices.entries(room, List.of(entry.encoded()));
            notices.notice(room, RoomNoticeKind.HISTORY_NOT_SHARED, "", 0,
                    "new members read from their join on; earlier history is not shared");
            if (answer instanceof ChatEvent.JoinedRoom joined) {
                return joined;
            }
            return server.join(room);
        }
        throw new EndToEndException("the membership log of " + room + " kept changing; not joined");
    }

    /**
     * An invitation names the keys of this account's devices as the inviter saw them listed, signed
     * by the inviter: a key this account does not list now is a device the server showed the inviter
     * in this user's name, or a list it shows others and not this account (docs/E2EE.md §19.4).
     * Shown before joining ({@link RoomNoticeKind#INVITATION_NAMES_UNKNOWN_KEYS}), naming the inviter.
     */
    private void showKeysNotOurs(String room, List<Bytes> entries, Membership membership, DeviceRef self,
            ParleyClient client) throws Exception {
        List<Bytes> named = membership.invitationKeys(self.user());
        if (named.isEmpty()) {
            return;
        }
        java.util.Set<Bytes> ours = device.ownDeviceKeys(client);
        List<Bytes> unknown = named.stream().filter(key -> !ours.contains(key)).toList();
        if (!unknown.isEmpty()) {
            notices.notice(room, RoomNoticeKind.INVITATION_NAMES_UNKNOWN_KEYS, inviter(entries, self.user()), 0,
                    unknown.stream().map(key -> key.slice(0, 8).toHex()).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** Who signed the latest invitation of {@code user} in {@code entries} (verified already). */
    private static String inviter(List<Bytes> entries, String user) throws RoomException {
        for (int i = entries.size() - 1; i >= 0; i--) {
            LogEntry entry = LogEntryCodec.decode(entries.get(i));
            if (entry.body() instanceof LogBody.Invite invite && invite.target().equals(user)) {
                return entry.actor().user();
            }
        }
        return "";
    }

    /**
     * A private room's invitation bound to device keys admits a join only from one of them: say so
     * before signing a join the log would refuse, with what the user can do about it.
     */
    private void requireNamedByInvitation(String room, Membership membership, DeviceRef self) throws EndToEndException {
        List<Bytes> named = membership.invitationKeys(self.user());
        if (membership.visibility() == Visibility.PRIVATE && !named.isEmpty()
                && !named.contains(device.keys().identity().signingKey())) {
            throw new EndToEndException("the invitation to " + room + " names other devices of yours than this one:"
                    + " join from one of them (it can then add this device to the room), or ask for a new invitation");
        }
    }

    /** Signs {@code body} on the verified head and appends it; re-made on the new head after a conflict. */
    ChatEvent.Answer change(RoomServer server, String room, LogBody body) throws Exception {
        DeviceRef self = device.self();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            HeldRoom held = rooms.member(room, self);
            LogEntry entry = held.log.next(device.keys(), self, clock.instant(), body);
            checked(room, held.log, entry);
            ChatEvent.Answer answer;
            try {
                answer = server.append(room, entry.encoded());
            } catch (RequestFailedException e) {
                if (e.code() == ErrorCode.LOG_CONFLICT) {
                    refresh(server, held);
                    continue;
                }
                throw e;
            }
            apply(held, held.plus(entry.encoded()));
            return answer;
        }
        throw new EndToEndException("the membership log of " + room + " kept changing; the change was not made");
    }

    /** Reads the entries this device has not verified yet and accepts them if they extend its log. */
    void refresh(RoomServer server, HeldRoom held) throws Exception {
        int size = held.entries.size();
        List<Bytes> tail = server.fetchLog(held.name, size - 1);
        if (tail.isEmpty() || !tail.getFirst().equals(held.entries.getLast())) {
            // A shorter or different log: give the whole of it to the session, which names the fork.
            apply(held, server.fetchLog(held.name, 0));
            return;
        }
        if (tail.size() > 1) {
            List<Bytes> full = new java.util.ArrayList<>(held.entries);
            full.addAll(tail.subList(1, tail.size()));
            apply(held, full);
        }
    }

    /** A pushed RoomLogAppended. */
    void appended(RoomServer server, String room, long seq, Bytes entry) throws Exception {
        DeviceRef self = device.self();
        var found = rooms.find(room, self);
        if (found.isEmpty()) {
            notYetHeld(server, room, entry, self);
            return;
        }
        HeldRoom held = found.get();
        int size = held.entries.size();
        if (seq < size && held.entries.get((int) seq).equals(entry)) {
            return;
        }
        if (seq == size) {
            apply(held, held.plus(entry));
        } else {
            refresh(server, held);
        }
    }

    /**
     * Adds this account's other devices that the user accepted on this device and the log does not
     * admit yet ({@code device_added}, signed here), while this device is a member. A device the
     * server lists but the user has not accepted is never passed here (docs/E2EE.md §20.7).
     */
    void addOwnDevices(RoomServer server, String room, Map<Long, Bytes> ownDevices) throws Exception {
        DeviceRef self = device.self();
        for (Map.Entry<Long, Bytes> own : ownDevices.entrySet()) {
            HeldRoom held = rooms.member(room, self);
            DeviceRef other = new DeviceRef(self.user(), own.getKey());
            boolean keyAdmitted = held.log.membership().devices().values().stream()
                    .anyMatch(identity -> identity.encoded().equals(own.getValue()));
            if (own.getKey() != self.deviceId() && !held.log.membership().admits(other) && !keyAdmitted) {
                change(server, room, new LogBody.DeviceAdded(own.getKey(), own.getValue()));
            }
        }
    }

    /**
     * Shows, once per room, each of this account's devices the server lists but the user has not
     * accepted here and the log does not admit: it gets no room keys until accepted.
     */
    void showPendingOwnDevices(String room, Set<Long> pending) throws Exception {
        DeviceRef self = device.self();
        HeldRoom held = rooms.member(room, self);
        for (long id : pending) {
            if (!held.log.membership().admits(new DeviceRef(self.user(), id)) && shownPending.add(room + "\0" + id)) {
                notices.notice(room, RoomNoticeKind.OWN_DEVICE_PENDING, self.user(), id,
                        "not given this room's keys until accepted on this device");
            }
        }
    }

    /** Gives {@code fullLog} to the session; on success stores it and reports its new entries. */
    void apply(HeldRoom held, List<Bytes> fullLog) throws Exception {
        int before = held.entries.size();
        boolean wasMember = held.member();
        try {
            if (held.session != null) {
                held.session.updateLog(fullLog);
                held.accepted(fullLog);
            } else {
                held.log = held.log.extend(fullLog);
                held.entries = List.copyOf(fullLog);
            }
        } catch (RoomException e) {
            notices.emit(new RoomEvent.Problem(held.name, e.error(), "refused the membership log the server showed: "
                    + e.getMessage()));
            return;
        }
        rooms.save(held);
        notices.entries(held.name, fullLog.subList(before, fullLog.size()));
        if (wasMember && !held.member()) {
            notices.notice(held.name, RoomNoticeKind.NO_LONGER_MEMBER, device.self().user(), device.self().deviceId(), "");
        }
    }

    private void notYetHeld(RoomServer server, String room, Bytes encoded, DeviceRef self) throws Exception {
        LogEntry entry;
        try {
            entry = LogEntryCodec.decode(encoded);
        } catch (RoomException e) {
            notices.emit(new RoomEvent.Problem(room, e.error(), "a malformed membership-log entry: " + e.getMessage()));
            return;
        }
        rooms.markEncrypted(room);
        if (entry.body() instanceof LogBody.Invite invite && invite.target().equals(self.user())) {
            notices.entries(room, List.of(encoded));
        } else if (entry.body() instanceof LogBody.DeviceAdded added && added.deviceId() == self.deviceId()
                && entry.actor().user().equals(self.user())) {
            adoptFromServer(server, room, self);
        }
    }

    /** Starts holding a room this device was added to by another device of the account. */
    void adoptFromServer(RoomServer server, String room, DeviceRef self) throws Exception {
        List<Bytes> entries = server.fetchLog(room, 0);
        VerifiedLog log = verified(room, entries);
        if (!log.membership().admits(self)) {
            throw new RoomException(org.parley.e2ee.group.RoomError.NOT_A_MEMBER, "the log of " + room
                    + " does not admit this device");
        }
        rooms.adopt(room, entries, log, self);
        notices.entries(room, entries.subList(entries.size() - 1, entries.size()));
        notices.notice(room, RoomNoticeKind.HISTORY_NOT_SHARED, "", 0,
                "new devices read from their addition on; earlier history is not shared");
    }

    /**
     * After the server answered a plain join of an encrypted room with {@code JoinedRoom} (this
     * account is already a member) and the log does not admit this device: says which of the
     * account's devices it admits. That is an ordinary other device of the user (which can add this
     * one once accepted there), or a device the user never had, joined in the user's name under
     * the invitation (E2EE.md §19.4): only the user can tell, so the notice says both.
     */
    void notAdmittedHere(RoomServer server, String room) throws Exception {
        DeviceRef self = device.self();
        VerifiedLog log;
        try {
            log = VerifiedLog.verify(server.fetchLog(room, 0));
        } catch (RoomException e) {
            return; // already shown as a problem by the attempt to hold the room
        }
        String admitted = log.membership().devices().keySet().stream()
                .filter(d -> d.user().equals(self.user()) && d.deviceId() != self.deviceId())
                .map(d -> Long.toString(d.deviceId()))
                .collect(java.util.stream.Collectors.joining(", "));
        if (!admitted.isEmpty() && !log.membership().admits(self)) {
            notices.notice(room, RoomNoticeKind.NOT_ADMITTED_HERE, self.user(), self.deviceId(), admitted);
        }
    }

    private VerifiedLog verified(String room, List<Bytes> entries) throws RoomException {
        try {
            return VerifiedLog.verify(entries);
        } catch (RoomException e) {
            notices.emit(new RoomEvent.Problem(room, e.error(), "refused the membership log the server showed: "
                    + e.getMessage()));
            throw e;
        }
    }

    /** The log with {@code entry}, checked here before anything is sent. */
    private static VerifiedLog checked(String room, VerifiedLog log, LogEntry entry) throws EndToEndException {
        try {
            return log.append(List.of(entry.encoded()));
        } catch (RoomException e) {
            throw new EndToEndException("the rules of " + room + " do not allow that: " + e.getMessage());
        }
    }

    private DeviceRef registered() throws EndToEndException {
        return device.self();
    }
}
