package org.parley.e2ee.group;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceIdentity;

/**
 * What a verified membership log admits: the room's fixed facts, each member's role, each member
 * device's identity, pending invitations and bans. Immutable; {@link MembershipRules} makes the
 * next one from an entry. Iteration order is sorted, so every client computes the same lists.
 *
 * @param invited every user with a pending invitation
 * @param invitationKeys for each pending invitation bound to device keys ({@code invite_devices}),
 *     those Ed25519 signing keys in ascending order; a user invited without keys is not in it
 */
public record Membership(String roomId, String roomName, Visibility visibility, SortedMap<String, Role> roles,
        SortedMap<DeviceRef, DeviceIdentity> devices, SortedSet<String> invited,
        SortedMap<String, List<Bytes>> invitationKeys, SortedSet<String> banned) {
    static final java.util.Comparator<DeviceRef> DEVICE_ORDER =
            java.util.Comparator.comparing(DeviceRef::user).thenComparingLong(DeviceRef::deviceId);

    public Membership {
        roles = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(roles));
        TreeMap<DeviceRef, DeviceIdentity> sortedDevices = new TreeMap<>(DEVICE_ORDER);
        sortedDevices.putAll(devices);
        devices = java.util.Collections.unmodifiableSortedMap(sortedDevices);
        invited = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(invited));
        TreeMap<String, List<Bytes>> keys = new TreeMap<>();
        invitationKeys.forEach((user, list) -> keys.put(user, List.copyOf(list)));
        invitationKeys = java.util.Collections.unmodifiableSortedMap(keys);
        banned = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(banned));
    }

    /** True if the log admits this device with exactly this identity. */
    public boolean admits(DeviceRef device, Bytes identity) {
        DeviceIdentity known = devices.get(device);
        return known != null && known.encoded().equals(identity);
    }

    public boolean admits(DeviceRef device) {
        return devices.containsKey(device);
    }

    /**
     * The device keys {@code user}'s pending invitation is bound to; empty if the invitation names
     * none (any key of the user's may join) or there is no invitation.
     */
    public List<Bytes> invitationKeys(String user) {
        return invitationKeys.getOrDefault(user, List.of());
    }

    public Optional<Role> role(String user) {
        return Optional.ofNullable(roles.get(user));
    }

    /** The admitted devices of {@code user}, in device-id order. */
    public List<DeviceRef> devicesOf(String user) {
        return devices.keySet().stream().filter(ref -> ref.user().equals(user)).toList();
    }

    /** Admitted devices that {@code newer} no longer admits. */
    public Set<DeviceRef> removedIn(Membership newer) {
        Set<DeviceRef> removed = new TreeSet<>(DEVICE_ORDER);
        for (Map.Entry<DeviceRef, DeviceIdentity> entry : devices.entrySet()) {
            if (!newer.admits(entry.getKey(), entry.getValue().encoded())) {
                removed.add(entry.getKey());
            }
        }
        return removed;
    }
}
