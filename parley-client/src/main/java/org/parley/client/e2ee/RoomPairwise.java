package org.parley.client.e2ee;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.client.EndToEndException;
import org.parley.client.UnacceptedChangesException;
import org.parley.client.ParleyClient;
import org.parley.client.e2ee.room.PairwiseSessions;
import org.parley.client.e2ee.room.PairwiseSessions.Unreachable;
import org.parley.client.e2ee.room.PairwiseSessions.Withheld;
import org.parley.client.e2ee.room.PairwiseSessions.WithheldReason;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.prekey.PrekeyBundle;
import org.parley.e2ee.prekey.VerifiedBundle;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionStart;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.UserBundles;

/**
 * The pairwise sessions as the room logic uses them to carry sender keys: the identity is the one
 * the room's verified membership log admits, so a session (or a bundle) with any other identity is
 * refused and nothing is sent to it (docs/E2EE.md §19.7); another user's device must also be
 * listed by that user's account with that identity and, for a verified user, vouched for by the
 * verification (docs/E2EE.md §20.5), else it is {@link Withheld}; a device whose bundle is refused or missing, or whose
 * session refuses to encrypt, is {@link Unreachable}. Either is left out of this send only.
 */
final class RoomPairwise implements PairwiseSessions {
    private final E2eContext context;
    private final ParleyClient client;
    /** The bundles read ahead for one send ({@link #prepared}), by user; empty outside of one. */
    private final Map<String, List<org.parley.protocol.chat.PrekeyBundle>> bundles;

    RoomPairwise(E2eContext context, ParleyClient client) {
        this(context, client, Map.of());
    }

    private RoomPairwise(E2eContext context, ParleyClient client,
            Map<String, List<org.parley.protocol.chat.PrekeyBundle>> bundles) {
        this.context = context;
        this.client = client;
        this.bundles = bundles;
    }

    /**
     * Reads ahead for one send (docs/E2EE.md §20.3): one {@code ListDevicesMany} for the other users
     * whose recorded listing does not pass {@link #checkListed} for a target (each list compared and
     * shown exactly as a single listing is, {@link Directory}), then one {@code FetchBundlesMany} per
     * nine users with a target device that passes and has no session with the log's identity, so
     * each user's bundles are fetched once for all of that user's devices. The sessions returned
     * seal as this one does, from those bundles; a user the batches did not find is asked for
     * singly, as before, and fails as before.
     */
    @Override
    public PairwiseSessions prepared(List<Target> targets) throws Exception {
        LocalState state = context.state();
        Set<String> unlisted = new LinkedHashSet<>();
        for (Target target : targets) {
            DeviceRef device = target.device();
            if (!device.user().equals(context.user()) && !passes(state.contact(device.user()), device, target.identity())) {
                unlisted.add(device.user());
            }
        }
        if (!unlisted.isEmpty()) {
            new Directory(context).listAll(client, List.copyOf(unlisted));
        }
        Set<String> starting = new LinkedHashSet<>();
        for (Target target : targets) {
            DeviceRef device = target.device();
            boolean sealable = device.user().equals(context.user())
                    || passes(state.contact(device.user()), device, target.identity());
            if (sealable && session(device, target.identity()) == null) {
                starting.add(device.user());
            }
        }
        return new RoomPairwise(context, client, fetchAll(List.copyOf(starting)));
    }

    private Map<String, List<org.parley.protocol.chat.PrekeyBundle>> fetchAll(List<String> users) throws Exception {
        List<UserBundles> lists = BatchedReads.read(users, ChatLimits.MAX_USERS_PER_BUNDLE_LISTS,
                batch -> client.fetchBundles(batch).thenApply(ChatEvent.BundleLists::lists), UserBundles::user);
        Map<String, List<org.parley.protocol.chat.PrekeyBundle>> fetched = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            Optional<List<org.parley.protocol.chat.PrekeyBundle>> offered = lists.get(i).bundles();
            if (offered.isPresent()) {
                fetched.put(users.get(i), offered.get());
            }
        }
        return Map.copyOf(fetched);
    }

    @Override
    public Bytes seal(DeviceRef device, DeviceIdentity identity, InnerMessage inner) throws Exception {
        checkListed(device, identity);
        LocalState state = context.state();
        Session session = session(device, identity);
        if (session == null) {
            session = start(device, identity);
        }
        Bytes envelope;
        try {
            envelope = session.encrypt(inner, context.random());
        } catch (E2eeException e) {
            // The session is unchanged (a refused encryption advances nothing); like a refused
            // bundle, this one device is left out and the others still get the key (E2EE.md §20.7).
            throw new Unreachable(device, e.error(), "the session with " + device + " refused to encrypt: "
                    + e.getMessage(), e);
        }
        state.saveSession(device.user(), device.deviceId(), session);
        return envelope;
    }

    @Override
    public List<Bytes> invitationKeys(String user) throws Exception {
        Directory.Listed listed = new Directory(context).list(client, user);
        Contact contact = context.state().contact(user);
        if (contact.verified && contact.pendingChanges) {
            throw new UnacceptedChangesException(user);
        }
        List<Bytes> keys = new ArrayList<>();
        listed.usable().forEach((id, identity) -> {
            if (!contact.verified || contact.vouches(id, identity.encoded())) {
                keys.add(identity.signingKey());
            }
        });
        if (keys.isEmpty()) {
            throw new EndToEndException(user + " has no device that can join an end-to-end encrypted room yet: they"
                    + " must sign in once with a client that has end-to-end encryption before they can be invited"
                    + (listed.leftOut().isEmpty() ? "" : " (the identities listed were refused; see the notices)"));
        }
        if (keys.size() > LogBody.Invite.MAX_DEVICE_KEYS) {
            throw new EndToEndException(user + " has " + keys.size() + " devices; an invitation can name at most "
                    + LogBody.Invite.MAX_DEVICE_KEYS);
        }
        return keys;
    }

    /**
     * Another user's device gets a sender key only if that user's account lists it with exactly the
     * identity the log admits, and, for a verified user, only if the verification (or a later
     * acceptance of the user's changes) covered that device with that identity. The log can admit
     * a device its user never added: an invitation names a user, not a key, so the server can sign
     * an invited user's {@code join} with a key of its own (E2EE.md §19.4). Checked against what
     * this device last recorded of the user's list (no round trip when that passes), else against
     * the list the server gives now, every difference shown as in a private send. This account's
     * own devices need no check: only devices it accepted are signed into its rooms, and only by
     * its own devices. Invitations bound to device keys ({@link #invitationKeys}) close the join
     * for new invitations; this check still covers old-kind invitations and a first-sight listing.
     */
    private void checkListed(DeviceRef device, DeviceIdentity identity) throws Exception {
        if (device.user().equals(context.user())) {
            return;
        }
        LocalState state = context.state();
        Contact contact = state.contact(device.user());
        if (!passes(contact, device, identity)) {
            new Directory(context).list(client, device.user());
            contact = state.contact(device.user());
        }
        if (!lists(contact, device, identity)) {
            throw new Withheld(device, WithheldReason.NOT_LISTED, device.user() + "'s account does not list device "
                    + device.deviceId() + " with the key the room's membership log admits for it");
        }
        if (!covered(contact, device, identity)) {
            throw new Withheld(device, WithheldReason.UNACCEPTED_CHANGES, device.user() + " is verified and device "
                    + device.deviceId() + " was added or changed since; not accepted yet");
        }
    }

    /** The session with the device that carries the log's identity, or null. */
    private Session session(DeviceRef device, DeviceIdentity identity) throws java.io.IOException {
        return context.state().sessions(device.user(), device.deviceId()).stream()
                .filter(s -> s.peerIdentity().equals(identity.encoded()))
                .findFirst().orElse(null);
    }

    /** What this device recorded of the user lists the device with the identity and, if verified, vouches for it. */
    private static boolean passes(Contact contact, DeviceRef device, DeviceIdentity identity) {
        return lists(contact, device, identity) && covered(contact, device, identity);
    }

    private static boolean lists(Contact contact, DeviceRef device, DeviceIdentity identity) {
        Contact.KnownDevice known = contact.devices.get(device.deviceId());
        return contact.listed && known != null && known.identity().equals(identity.encoded());
    }

    /** An unverified user's devices are as good as listed; a verified user's must be vouched for. */
    private static boolean covered(Contact contact, DeviceRef device, DeviceIdentity identity) {
        return !contact.verified || contact.vouches(device.deviceId(), identity.encoded());
    }

    private Session start(DeviceRef device, DeviceIdentity identity) throws Exception {
        List<org.parley.protocol.chat.PrekeyBundle> all = bundles.get(device.user());
        if (all == null) {
            all = BatchedReads.one(device.user(), () -> client.fetchBundles(device.user()),
                    ChatEvent.BundleList::user).bundles();
        }
        for (org.parley.protocol.chat.PrekeyBundle offered : all) {
            if (offered.deviceId() != device.deviceId()) {
                continue;
            }
            try {
                VerifiedBundle verified = VerifiedBundle.verify(new PrekeyBundle(offered.deviceId(), offered.identity(),
                        offered.signedPrekey(), offered.oneTimePrekey(), offered.kemPrekey()), Optional.of(identity));
                Session session = SessionStart.initiate(context.state().keys(), verified, context.random());
                context.state().replaceSession(device.user(), device.deviceId(), session);
                return session;
            } catch (E2eeException e) {
                throw unreachable(device, e.error(), e.getMessage(), e);
            }
        }
        throw unreachable(device, E2eeError.UNKNOWN_PREKEY, "the server gave no prekey bundle for " + device
                + ", which the room's membership log admits", null);
    }

    /** Shows the refusal (in the conversation with the device's user) and leaves the device out of this send. */
    private Unreachable unreachable(DeviceRef device, E2eeError error, String detail, Throwable cause) {
        context.emit(new E2eEvent.BundleRefused(device.user(), device.deviceId(), error, detail));
        return new Unreachable(device, error, detail, cause);
    }
}
