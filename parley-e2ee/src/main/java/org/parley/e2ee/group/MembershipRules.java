package org.parley.e2ee.group;

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
 * returns the membership after it. Deterministic: the same log gives every client the same result.
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
                new TreeSet<>());
    }

    /** The membership after a later entry, or a refusal naming the broken rule. */
    static Membership apply(Membership state, LogEntry entry) throws RoomException {
        String actor = entry.actor().user();
        if (entry.body() instanceof LogBody.Join join) {
            DeviceIdentity joining = identity(join.identity());
            verify(entry, joining.signingKey());
        } else {
            DeviceIdentity signer = state.devices().get(entry.actor());
            if (signer == null) {
                throw forbidden(entry, "the actor device is not admitted");
            }
            verify(entry, signer.signingKey());
        }
        SortedMap<String, Role> roles = new TreeMap<>(state.roles());
        SortedMap<DeviceRef, DeviceIdentity> devices = new TreeMap<>(Membership.DEVICE_ORDER);
        devices.putAll(state.devices());
        SortedSet<String> invited = new TreeSet<>(state.invited());
        SortedSet<String> banned = new TreeSet<>(state.banned());
        Role actorRole = roles.get(actor);
        switch (entry.body()) {
            case LogBody.Create create -> throw forbidden(entry, "only the first entry creates the room");
            case LogBody.Invite invite -> {
                require(entry, actorRole != null && actorRole != Role.MEMBER, "only operators and owners invite");
                require(entry, !roles.containsKey(invite.target()), "the invited user is already a member");
                require(entry, !banned.contains(invite.target()), "the invited user is banned");
                require(entry, invited.add(invite.target()), "the user is already invited");
            }
            case LogBody.Join join -> {
                require(entry, actorRole == null, "the user is already a member");
                require(entry, !banned.contains(actor), "the user is banned");
                require(entry, invited.remove(actor) || state.visibility() == Visibility.PUBLIC,
                        "joining a private room needs an invitation");
                requireUnusedKey(entry, devices, identity(join.identity()));
                require(entry, devices.size() < MAX_DEVICES_PER_ROOM, "a room admits at most " + MAX_DEVICES_PER_ROOM
                        + " devices");
                roles.put(actor, Role.MEMBER);
                devices.put(entry.actor(), identity(join.identity()));
            }
            case LogBody.Leave leave -> {
                require(entry, actorRole != Role.OWNER || owners(roles) > 1, "the last owner cannot leave");
                remove(roles, devices, actor);
            }
            case LogBody.Kick kick -> {
                Role target = roles.get(kick.target());
                require(entry, target != null, "the kicked user is not a member");
                require(entry, actorRole.outranks(target), "the actor does not outrank the kicked member");
                remove(roles, devices, kick.target());
            }
            case LogBody.Ban ban -> {
                Role target = roles.get(ban.target());
                require(entry, !ban.target().equals(actor), "a member cannot ban themselves");
                require(entry, target == null ? actorRole != Role.MEMBER : actorRole.outranks(target),
                        "the actor does not outrank the banned user");
                require(entry, banned.add(ban.target()), "the user is already banned");
                invited.remove(ban.target());
                remove(roles, devices, ban.target());
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
                require(entry, state.devicesOf(actor).size() < MAX_DEVICES_PER_USER,
                        "a user has at most " + MAX_DEVICES_PER_USER + " devices in a room");
                requireUnusedKey(entry, devices, identity(added.identity()));
                require(entry, devices.size() < MAX_DEVICES_PER_ROOM, "a room admits at most " + MAX_DEVICES_PER_ROOM
                        + " devices");
                devices.put(device, identity(added.identity()));
            }
            case LogBody.DeviceRemoved removed -> {
                DeviceRef device = new DeviceRef(actor, removed.deviceId());
                require(entry, devices.containsKey(device), "the device is not admitted");
                require(entry, state.devicesOf(actor).size() > 1, "the last device leaves with a leave entry");
                devices.remove(device);
            }
        }
        return new Membership(state.roomId(), state.roomName(), state.visibility(), roles, devices, invited, banned);
    }

    private static void remove(SortedMap<String, Role> roles, SortedMap<DeviceRef, DeviceIdentity> devices,
            String user) {
        roles.remove(user);
        devices.keySet().removeIf(ref -> ref.user().equals(user));
    }

    private static long owners(SortedMap<String, Role> roles) {
        return roles.values().stream().filter(role -> role == Role.OWNER).count();
    }

    private static void requireUnusedKey(LogEntry entry, SortedMap<DeviceRef, DeviceIdentity> devices,
            DeviceIdentity identity) throws RoomException {
        for (DeviceIdentity admitted : devices.values()) {
            require(entry, !admitted.signingKey().equals(identity.signingKey()),
                    "the device key is already admitted for another device");
        }
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
