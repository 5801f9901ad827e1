package org.parley.client.e2ee;

import static org.parley.client.e2ee.E2eDevice.await;

import java.util.Optional;
import org.parley.client.ParleyClient;
import org.parley.client.e2ee.room.PairwiseSessions;
import org.parley.client.e2ee.room.PairwiseSessions.Unreachable;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.prekey.PrekeyBundle;
import org.parley.e2ee.prekey.VerifiedBundle;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionStart;
import org.parley.protocol.chat.ChatEvent;

/**
 * The pairwise sessions as the room logic uses them to carry sender keys: the identity is the one
 * the room's verified membership log admits, not the server's device list, so a session (or a
 * bundle) with any other identity is refused and nothing is sent to it (docs/E2EE.md §19.7); a
 * device whose bundle is refused or missing, or whose session refuses to encrypt, is
 * {@link Unreachable}: left out of this send only.
 */
final class RoomPairwise implements PairwiseSessions {
    private final E2eContext context;
    private final ParleyClient client;

    RoomPairwise(E2eContext context, ParleyClient client) {
        this.context = context;
        this.client = client;
    }

    @Override
    public Bytes seal(DeviceRef device, DeviceIdentity identity, InnerMessage inner) throws Exception {
        LocalState state = context.state();
        Session session = state.sessions(device.user(), device.deviceId()).stream()
                .filter(s -> s.peerIdentity().equals(identity.encoded()))
                .findFirst().orElse(null);
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

    private Session start(DeviceRef device, DeviceIdentity identity) throws Exception {
        ChatEvent.BundleList bundles = await(client.fetchBundles(device.user()));
        for (org.parley.protocol.chat.PrekeyBundle offered : bundles.bundles()) {
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
