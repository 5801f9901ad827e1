package org.parley.client.e2ee;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parley.crypto.Bytes;

/**
 * What this device knows of one user's devices: the identity blob last listed for each device id,
 * whether the user was verified, and whether changes since then wait for acceptance. Stored as
 * text lines: {@code verified 0|1}, {@code pending 0|1}, {@code listed 0|1}, {@code device <id> <identity hex> <name hex>},
 * {@code vouching 1} and {@code vouched <id> <identity hex>} for each device the user vouched for (listed with that identity when the user
 * marked the contact verified or last accepted its changes), and for this account's own entry {@code accepted <id>}:
 * the other devices of the account the user accepted on this device, the only ones it signs into encrypted rooms
 * (docs/E2EE.md §20.1, §20.5, §20.7).
 */
final class Contact {
    final Map<Long, KnownDevice> devices = new TreeMap<>();
    boolean verified;
    boolean pendingChanges;
    /** A device list of this user was seen before (changes to it are shown from then on). */
    boolean listed;
    /** For this account: its other devices the user accepted here (a changed identity or a removal forgets one). */
    final Set<Long> accepted = new TreeSet<>();
    /** For a verified contact: the identity of each device the verification (or a later acceptance) covered. */
    final Map<Long, Bytes> vouched = new TreeMap<>();

    record KnownDevice(Bytes identity, String name) {
    }

    static Contact parse(List<String> lines) {
        Contact contact = new Contact();
        boolean perDevice = false;
        for (String line : lines) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "verified" -> contact.verified = parts.length > 1 && parts[1].equals("1");
                case "pending" -> contact.pendingChanges = parts.length > 1 && parts[1].equals("1");
                case "listed" -> contact.listed = parts.length > 1 && parts[1].equals("1");
                case "device" -> {
                    if (parts.length == 4) {
                        String name = new String(HexFormat.of().parseHex(parts[3]), StandardCharsets.UTF_8);
                        contact.devices.put(Long.parseLong(parts[1]), new KnownDevice(Bytes.fromHex(parts[2]), name));
                    }
                }
                case "vouching" -> perDevice = true;
                case "vouched" -> {
                    if (parts.length == 3) {
                        contact.vouched.put(Long.parseLong(parts[1]), Bytes.fromHex(parts[2]));
                    }
                }
                case "accepted" -> {
                    if (parts.length == 2) {
                        contact.accepted.add(Long.parseLong(parts[1]));
                    }
                }
                default -> {
                    // A line a later version wrote: ignored.
                }
            }
        }
        if (!perDevice && contact.verified && !contact.pendingChanges) {
            // Written before devices were vouched for one by one (no "vouching" line): nothing
            // changed since the verification or the last acceptance, so every recorded device is covered.
            contact.vouchForRecorded();
        }
        return contact;
    }

    /** The user verified this contact, or accepted its changes, as its devices are recorded now. */
    void vouchForRecorded() {
        vouched.clear();
        devices.forEach((id, device) -> vouched.put(id, device.identity()));
    }

    /**
     * The user verified this contact from a safety number over the devices {@code ids} (each recorded
     * now): only those are vouched for, with the identity recorded for them.
     */
    void vouchFor(Set<Long> ids) {
        vouched.clear();
        ids.forEach(id -> {
            KnownDevice device = devices.get(id);
            if (device != null) {
                vouched.put(id, device.identity());
            }
        });
    }

    /** True if the contact is verified and that device, with that identity, was covered by the verification. */
    boolean vouches(long id, Bytes identity) {
        return verified && identity.equals(vouched.get(id));
    }

    byte[] encode() {
        List<String> lines = new ArrayList<>();
        lines.add("verified " + (verified ? 1 : 0));
        lines.add("pending " + (pendingChanges ? 1 : 0));
        lines.add("listed " + (listed ? 1 : 0));
        devices.forEach((id, device) -> lines.add("device " + id + " " + device.identity().toHex() + " "
                + HexFormat.of().formatHex(device.name().getBytes(StandardCharsets.UTF_8))));
        lines.add("vouching 1");
        vouched.forEach((id, identity) -> lines.add("vouched " + id + " " + identity.toHex()));
        accepted.forEach(id -> lines.add("accepted " + id));
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
