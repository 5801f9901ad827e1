package org.parley.e2ee.group;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;

/**
 * The rules of the membership log (docs/E2EE.md, "Membership log: rules"): checks one entry's
 * signature against the key the log admits for its actor and whether the action is allowed, and
 * applies it to a {@link Draft} of the membership. Deterministic: the same log gives every client the same result.
 */
final class MembershipRules {
    static final int MAX_DEVICES_PER_USER = 32;
    /** Most member devices a room admits (sender keys cost one distribution per device). */
    static final int MAX_DEVICES_PER_ROOM = 10_000;

    private MembershipRules() {
    }

    /** The membership after the genesis entry. */
    static Membership genesis(LogEntry entry) throws RoomException {
        if (!(entry.body() instanceof LogBody.Create create)) {
            throw forbidden(entry, "the first entry must create the room");
        }
        DeviceIdentity creator = identity(create.creatorIdentity());
        verify(entry, creator.signingKey());
        SortedMap<DeviceRef, DeviceIdentity> devices = new TreeMap<>(Membership.DEVICE_ORDER);
        devices.put(entry.actor(), creator);
        SortedMap<String, Role> roles = new TreeMap<>();
        roles.put(entry.actor().user(), Role.OWNER);
        return new Membership(create.roomId(), create.roomName(), create.visibility(), roles, devices, new TreeSet<>(),
                new TreeMap<>(), new TreeSet<>());
    }

    /**
     * Applies a later entry to {@code draft} in place, or refuses it naming the broken rule. A
     * refusal may leave the draft half changed: the caller then throws the draft away (one is made
     * per batch of entries, so a refused batch changes nothing). One draft per batch keeps verifying
     * a log linear in its length; a fresh copy of every set per entry made it quadratic.
     */
    static void apply(Draft draft, LogEntry entry) throws RoomException {
        String actor = entry.actor().user();
        if (entry.body() instanceof LogBody.Join join) {
            DeviceIdentity joining = identity(join.identity());
            verify(entry, joining.signingKey());
        } else {
            DeviceIdentity signer = draft.devices.get(entry.actor());
            if (signer == null) {
                throw forbidden(entry, "the actor device is not admitted");
            }
            verify(entry, signer.signingKey());
        }
        SortedMap<String, Role> roles = draft.roles;
        SortedMap<DeviceRef, DeviceIdentity> devices = draft.devices;
        SortedSet<String> invited = draft.invited;
        SortedSet<String> banned = draft.banned;
        Role actorRole = roles.get(actor);
        switch (entry.body()) {
            case LogBody.Create create -> throw forbidden(entry, "only the first entry creates the room");
            case LogBody.Invite invite -> {
                require(entry, actorRole != null && actorRole != Role.MEMBER, "only operators and owners invite");
                require(entry, !roles.containsKey(invite.target()), "the invited user is already a member");
                require(entry, !banned.contains(invite.target()), "the invited user is banned");
                if (invite.bound()) {
                    // A bound invitation replaces a pending one: the inviter's new view of the user's devices.
                    invited.add(invite.target());
                    draft.invitationKeys.put(invite.target(), invite.deviceKeys());
                } else {
                    require(entry, invited.add(invite.target()), "the user is already invited");
                }
            }
            case LogBody.Join join -> {
                require(entry, actorRole == null, "the user is already a member");
                require(entry, !banned.contains(actor), "the user is banned");
                List<Bytes> boundTo = draft.invitationKeys.remove(actor);
                require(entry, invited.remove(actor) || draft.visibility == Visibility.PUBLIC,
                        "joining a private room needs an invitation");
                DeviceIdentity joining = identity(join.identity());
                require(entry, boundTo == null || draft.visibility == Visibility.PUBLIC
                        || boundTo.contains(joining.signingKey()),
                        "the invitation names other device keys of the user than the joining device's");
                requireUnusedKey(entry, draft, joining);
                require(entry, devices.size() < MAX_DEVICES_PER_ROOM, "a room admits at most " + MAX_DEVICES_PER_ROOM
                        + " devices");
                roles.put(actor, Role.MEMBER);
                draft.admit(entry.actor(), joining);
            }
            case LogBody.Leave leave -> {
                require(entry, actorRole != Role.OWNER || owners(roles) > 1, "the last owner cannot leave");
                draft.remove(actor);
            }
            case LogBody.Kick kick -> {
                Role target = roles.get(kick.target());
                require(entry, target != null, "the kicked user is not a member");
                require(entry, actorRole.outranks(target), "the actor does not outrank the kicked member");
                draft.remove(kick.target());
            }
            case LogBody.Ban ban -> {
                Role target = roles.get(ban.target());
                require(entry, !ban.target().equals(actor), "a member cannot ban themselves");
                require(entry, target == null ? actorRole != Role.MEMBER : actorRole.outranks(target),
                        "the actor does not outrank the banned user");
                require(entry, banned.add(ban.target()), "the user is already banned");
                invited.remove(ban.target());
                draft.invitationKeys.remove(ban.target());
                draft.remove(ban.target());
            }
            case LogBody.RoleChange change -> {
                require(entry, actorRole == Role.OWNER, "only owners change roles");
                require(entry, roles.containsKey(change.target()), "the target is not a member");
                roles.put(change.target(), change.role());
                require(entry, owners(roles) >= 1, "the last owner cannot step down");
            }
            case LogBody.DeviceAdded added -> {
                DeviceRef device = new DeviceRef(actor, added.deviceId());
                require(entry, !devices.containsKey(device), "the device is already admitted");
                require(entry, draft.devicesOf(actor).size() < MAX_DEVICES_PER_USER,
                        "a user has at most " + MAX_DEVICES_PER_USER + " devices in a room");
                DeviceIdentity identity = identity(added.identity());
                requireUnusedKey(entry, draft, identity);
                require(entry, devices.size() < MAX_DEVICES_PER_ROOM, "a room admits at most " + MAX_DEVICES_PER_ROOM
                        + " devices");
                draft.admit(device, identity);
            }
            case LogBody.DeviceRemoved removed -> {
                DeviceRef device = new DeviceRef(actor, removed.deviceId());
                require(entry, devices.containsKey(device), "the device is not admitted");
                require(entry, draft.devicesOf(actor).size() > 1, "the last device leaves with a leave entry");
                draft.unadmit(device);
            }
        }
    }

    /**
     * A membership being changed by a batch of entries: its own mutable copies of every set, and the
     * admitted signing keys for the rule that a key is admitted for one device only.
     */
    static final class Draft {
        private final String roomId;
        private final String roomName;
        private final Visibility visibility;
        private final SortedMap<String, Role> roles;
        private final TreeMap<DeviceRef, DeviceIdentity> devices = new TreeMap<>(Membership.DEVICE_ORDER);
        private final SortedSet<String> invited;
        private final SortedMap<String, List<Bytes>> invitationKeys;
        private final SortedSet<String> banned;
        private final Set<Bytes> signingKeys = new HashSet<>();

        Draft(Membership state) {
            this.roomId = state.roomId();
            this.roomName = state.roomName();
            this.visibility = state.visibility();
            this.roles = new TreeMap<>(state.roles());
            this.invited = new TreeSet<>(state.invited());
            this.invitationKeys = new TreeMap<>(state.invitationKeys());
            this.banned = new TreeSet<>(state.banned());
            state.devices().forEach(this::admit);
        }

        Membership build() {
            return new Membership(roomId, roomName, visibility, roles, devices, invited, invitationKeys, banned);
        }

        private void admit(DeviceRef device, DeviceIdentity identity) {
            devices.put(device, identity);
            signingKeys.add(identity.signingKey());
        }

        private void unadmit(DeviceRef device) {
            DeviceIdentity removed = devices.remove(device);
            if (removed != null) {
                signingKeys.remove(removed.signingKey());
            }
        }

        /** The user's admitted devices: a range of the map, which is sorted by user, then device id. */
        private SortedMap<DeviceRef, DeviceIdentity> devicesOf(String user) {
            return devices.subMap(new DeviceRef(user, 1), true, new DeviceRef(user, 0xFFFF_FFFFL), true);
        }

        /** Removes the user and all their devices. */
        private void remove(String user) {
            roles.remove(user);
            SortedMap<DeviceRef, DeviceIdentity> own = devicesOf(user);
            own.values().forEach(identity -> signingKeys.remove(identity.signingKey()));
            own.clear();
        }
    }

    private static long owners(SortedMap<String, Role> roles) {
        return roles.values().stream().filter(role -> role == Role.OWNER).count();
    }

    private static void requireUnusedKey(LogEntry entry, Draft draft, DeviceIdentity identity) throws RoomException {
        require(entry, !draft.signingKeys.contains(identity.signingKey()),
                "the device key is already admitted for another device");
    }

    private static DeviceIdentity identity(Bytes blob) throws RoomException {
        try {
            return DeviceIdentity.parse(blob);
        } catch (E2eeException e) {
            throw new RoomException(RoomError.BAD_SIGNATURE, "log entry names an invalid device identity: "
                    + e.error(), e);
        }
    }

    private static void verify(LogEntry entry, Bytes signingKey) throws RoomException {
        boolean valid;
        try {
            valid = SignatureAlgorithm.ED25519.create().verify(signingKey, entry.signedPart(), entry.signature());
        } catch (InvalidKeyMaterialException e) {
            valid = false;
        }
        if (!valid) {
            throw new RoomException(RoomError.BAD_SIGNATURE, "log entry " + entry.seq() + " is not signed by "
                    + entry.actor());
        }
    }

    private static void require(LogEntry entry, boolean rule, String what) throws RoomException {
        if (!rule) {
            throw forbidden(entry, what);
        }
    }

    private static RoomException forbidden(LogEntry entry, String what) {
        return new RoomException(RoomError.LOG_FORBIDDEN, "log entry " + entry.seq() + " by " + entry.actor() + ": "
                + what);
    }
}
