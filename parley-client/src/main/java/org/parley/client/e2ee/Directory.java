package org.parley.client.e2ee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.parley.client.ParleyClient;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.protocol.auth.Usernames;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.UserDevices;

/**
 * Compares the device list the server gives for a user with the one this device knew, and makes
 * every difference visible: a new device, a changed identity key of a known device id, a removed
 * device ({@link E2eEvent.DeviceNotice}). For a verified contact an addition or a change stops
 * sending until accepted. The first list seen for a user is recorded without notices. This
 * account's other devices are never accepted here: a new one, or a known id with a new identity,
 * waits for the user's acceptance before it is signed into an encrypted room ({@link Contact#accepted}).
 * A listed device whose identity does not parse (or fails its own signature) is shown
 * ({@link E2eEvent.BundleRefused}) and left out: it is not recorded, so it is never sent to and
 * never accepted, and what was known of that device id stays as it was (docs/E2EE.md §20.3).
 */
final class Directory {
    private final E2eContext context;

    Directory(E2eContext context) {
        this.context = context;
    }

    /**
     * The user's devices as the server lists them now (this device excluded): {@code usable} with
     * their identities parsed and checked, {@code leftOut} those whose identity was refused.
     */
    record Listed(Map<Long, DeviceIdentity> usable, Set<Long> leftOut) {
    }

    /** The user's devices now (this device excluded) whose identities parse and check. */
    Map<Long, DeviceIdentity> refresh(ParleyClient client, String user) throws Exception {
        return list(client, user).usable();
    }

    /** Like {@link #refresh}, with the listed devices whose identity was refused (each shown). */
    Listed list(ParleyClient client, String user) throws Exception {
        return compare(user, BatchedReads.one(user, () -> client.listDevices(user), ChatEvent.DeviceList::user).devices());
    }

    /**
     * Lists the devices of all of {@code users} in as few requests as the protocol allows
     * ({@code ListDevicesMany}, at most {@value ChatLimits#MAX_USERS_PER_DEVICE_LISTS} users each,
     * paced like the single listing, {@link BatchedReads}), and compares each user's list as {@link #list} does, in the
     * order given. A user the server does not find is left as this device knew it: the caller's
     * single listing of that user then fails as it always did.
     */
    void listAll(ParleyClient client, List<String> users) throws Exception {
        List<UserDevices> lists = read(client, users);
        for (int i = 0; i < users.size(); i++) {
            Optional<List<DeviceInfo>> devices = lists.get(i).devices();
            if (devices.isPresent()) {
                compare(users.get(i), devices.get());
            }
        }
    }

    /** The lists of another user and of this account, as one private send reads them ({@link #listWithOwn}). */
    record Both(Listed theirs, Listed ours) {
    }

    /**
     * The devices of {@code user} (another user) and of this account as the server lists them now,
     * read in one {@code ListDevicesMany} (paced, {@link BatchedReads}) and compared as {@link #list}
     * does, {@code user}'s list first. One the server does not find is listed singly (user first), so
     * an unknown user fails as a single listing always did ({@code no_such_user}). A {@code user}
     * that is this account under any spelling (PROTOCOL.md 13.3) is listed with two single
     * listings, {@code user} first, as before: a batch may not name one account twice.
     */
    Both listWithOwn(ParleyClient client, String user) throws Exception {
        if (Usernames.canonical(user).equals(Usernames.canonical(context.user()))) {
            Listed theirs = list(client, user);
            return new Both(theirs, list(client, context.user()));
        }
        List<UserDevices> lists = read(client, List.of(user, context.user()));
        Listed theirs = compared(client, user, lists.get(0));
        Listed ours = compared(client, context.user(), lists.get(1));
        return new Both(theirs, ours);
    }

    private Listed compared(ParleyClient client, String user, UserDevices entry) throws Exception {
        Optional<List<DeviceInfo>> devices = entry.devices();
        return devices.isPresent() ? compare(user, devices.get()) : list(client, user);
    }

    /** One entry per user, in their order, from {@code ListDevicesMany} batches. */
    private static List<UserDevices> read(ParleyClient client, List<String> users) throws Exception {
        return BatchedReads.read(users, ChatLimits.MAX_USERS_PER_DEVICE_LISTS,
                batch -> client.listDevices(batch).thenApply(ChatEvent.DeviceLists::lists), UserDevices::user);
    }

    /**
     * Compares the list the server gave for {@code user} now with what this device knew, records it
     * and shows every difference: the one code path of a single and of a batched listing.
     */
    private Listed compare(String user, List<DeviceInfo> listed) throws java.io.IOException {
        LocalState state = context.state();
        Contact contact = state.contact(user);
        boolean firstSight = !contact.listed;
        boolean own = user.equals(context.user());
        Map<Long, DeviceIdentity> current = new LinkedHashMap<>();
        Set<Long> leftOut = new TreeSet<>();
        List<E2eEvent> notices = new ArrayList<>();
        boolean changed = false;
        for (DeviceInfo info : listed) {
            if (own && info.deviceId() == state.deviceId()) {
                continue;
            }
            DeviceIdentity identity;
            try {
                identity = DeviceIdentity.parse(info.identity());
            } catch (E2eeException e) {
                // One broken record (or a hostile server) must not stop the user's other devices.
                leftOut.add(info.deviceId());
                notices.add(new E2eEvent.BundleRefused(user, info.deviceId(), e.error(),
                        "the identity listed for " + user + "'s device " + info.deviceId() + " was refused: "
                                + e.getMessage()));
                continue;
            }
            Contact.KnownDevice known = contact.devices.get(info.deviceId());
            if (known == null) {
                changed |= !firstSight;
                if (!firstSight) {
                    notices.add(new E2eEvent.DeviceNotice(user, info.deviceId(), DeviceNoticeKind.ADDED, contact.verified));
                }
            } else if (!known.identity().equals(info.identity())) {
                changed = true;
                contact.accepted.remove(info.deviceId());
                state.dropSessions(user, info.deviceId());
                notices.add(new E2eEvent.DeviceNotice(user, info.deviceId(), DeviceNoticeKind.IDENTITY_CHANGED,
                        contact.verified));
            }
            contact.devices.put(info.deviceId(), new Contact.KnownDevice(info.identity(), info.name()));
            current.put(info.deviceId(), identity);
        }
        for (Long gone : List.copyOf(contact.devices.keySet())) {
            if (!current.containsKey(gone) && !leftOut.contains(gone)) {
                contact.devices.remove(gone);
                contact.accepted.remove(gone);
                state.dropSessions(user, gone);
                notices.add(new E2eEvent.DeviceNotice(user, gone, DeviceNoticeKind.REMOVED, false));
            }
        }
        contact.listed = true;
        if (changed && contact.verified) {
            contact.pendingChanges = true;
        }
        state.saveContact(user);
        notices.forEach(context::emit);
        return new Listed(current, leftOut);
    }
}
