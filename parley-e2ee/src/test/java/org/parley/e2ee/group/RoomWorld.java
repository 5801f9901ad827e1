package org.parley.e2ee.group;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.prekey.VerifiedBundle;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionStart;

/**
 * A room of member devices for tests: the membership log, each device's {@link RoomSession}, and
 * real pairwise end-to-end sessions that carry the sender-key distributions. Everything the
 * "server" relays is recorded in {@link #pairwiseWire} and {@link #roomWire}.
 */
final class RoomWorld {
    static final String ROOM = "tea-room";

    final SecureRandom random;
    final List<Bytes> log = new ArrayList<>();
    final Map<DeviceRef, Device> devices = new TreeMap<>(Membership.DEVICE_ORDER);
    final Map<DeviceRef, RoomSession> sessions = new TreeMap<>(Membership.DEVICE_ORDER);
    final Map<List<DeviceRef>, Session> pairwise = new HashMap<>();
    final List<Bytes> pairwiseWire = new ArrayList<>();
    final List<Bytes> roomWire = new ArrayList<>();
    private final RekeyPolicy policy;
    Instant now = Fixtures.NOW;

    private RoomWorld(String seed, RekeyPolicy policy) {
        this.random = Fixtures.random("room " + seed);
        this.policy = policy;
    }

    /** A room created by {@code owner} (device 1). */
    static RoomWorld create(String seed, String owner, Visibility visibility, RekeyPolicy policy) throws Exception {
        RoomWorld world = new RoomWorld(seed, policy);
        DeviceRef creator = new DeviceRef(owner, 1);
        Device device = Fixtures.device(seed + " " + creator);
        world.devices.put(creator, device);
        world.log.add(VerifiedLog.create(device.keys(), creator, world.now, ROOM, "茶室 tea room", visibility).encoded());
        world.sessions.put(creator, new RoomSession(creator, VerifiedLog.verify(world.log), policy));
        return world;
    }

    static RoomWorld create(String seed, String owner) throws Exception {
        return create(seed, owner, Visibility.PRIVATE, RekeyPolicy.DEFAULT);
    }

    /** A fresh device (not yet in the log). */
    Device newDevice(DeviceRef ref) {
        return devices.computeIfAbsent(ref, r -> Fixtures.device("world device " + r));
    }

    /** Signs an entry as {@code actor}, appends it and lets every member session see the new log. */
    void act(DeviceRef actor, LogBody body) throws RoomException {
        now = now.plusSeconds(1);
        VerifiedLog current = VerifiedLog.verify(log);
        log.add(current.next(devices.get(actor).keys(), actor, now, body).encoded());
        for (RoomSession session : sessions.values()) {
            session.updateLog(log);
        }
    }

    /** {@code inviter} invites the user bound to the key of the user's device 1, which then joins. */
    DeviceRef invite(DeviceRef inviter, String user) throws RoomException {
        DeviceRef joiner = new DeviceRef(user, 1);
        act(inviter, LogBody.Invite.boundTo(user, List.of(newDevice(joiner).keys().identity().signingKey())));
        join(joiner);
        return joiner;
    }

    void join(DeviceRef joiner) throws RoomException {
        Device device = newDevice(joiner);
        act(joiner, new LogBody.Join(device.keys().identity().encoded()));
        sessions.put(joiner, new RoomSession(joiner, VerifiedLog.verify(log), policy));
    }

    /** Sends text as {@code from}: rekeys or distributes first as needed, then returns the room envelope. */
    Bytes send(DeviceRef from, String text) throws Exception {
        RoomSession session = sessions.get(from);
        List<Distribution> due = session.rekeyDue(now) ? session.rekey(now, random) : session.distributionsDue();
        deliver(from, due);
        Bytes envelope = session.encrypt(InnerMessage.text(text, messageId(), now), now);
        roomWire.add(envelope);
        return envelope;
    }

    /** Carries distributions over the pairwise sessions and lets each recipient accept its own. */
    void deliver(DeviceRef from, List<Distribution> distributions) throws Exception {
        for (Distribution distribution : distributions) {
            Bytes wire = pairwiseEncrypt(from, distribution.recipient(),
                    distribution.content().asInnerMessage(messageId(), now));
            pairwiseWire.add(wire);
            InnerMessage inner = pairwiseReceive(distribution.recipient(), from, wire);
            Bytes peer = pairwise.get(List.of(distribution.recipient(), from)).peerIdentity();
            sessions.get(distribution.recipient()).accept(SenderKeyDistribution.from(inner), peer);
        }
    }

    /** Every member session except the sender's decrypts; returns what each read. */
    Map<DeviceRef, String> receive(DeviceRef from, Bytes envelope) throws RoomException {
        Map<DeviceRef, String> read = new TreeMap<>(Membership.DEVICE_ORDER);
        for (Map.Entry<DeviceRef, RoomSession> entry : sessions.entrySet()) {
            if (!entry.getKey().equals(from)) {
                read.put(entry.getKey(), entry.getValue().decrypt(envelope).message().text());
            }
        }
        return read;
    }

    /** Encrypts over the pairwise session from {@code from} to {@code to}, starting it if needed. */
    Bytes pairwiseEncrypt(DeviceRef from, DeviceRef to, InnerMessage inner) throws E2eeException {
        Session sending = pairwise.get(List.of(from, to));
        if (sending == null) {
            VerifiedBundle bundle = VerifiedBundle.verify(devices.get(to).bundle(false, false), Optional.empty());
            sending = SessionStart.initiate(devices.get(from).keys(), bundle, random);
            pairwise.put(List.of(from, to), sending);
        }
        return sending.encrypt(inner, random);
    }

    /** Decrypts at {@code to} what {@code from} sent over their pairwise session, accepting its start. */
    InnerMessage pairwiseReceive(DeviceRef to, DeviceRef from, Bytes wire) throws E2eeException {
        Session receiving = pairwise.get(List.of(to, from));
        if (receiving != null) {
            return receiving.decrypt(wire);
        }
        Device recipient = devices.get(to);
        SessionStart.Accepted accepted = SessionStart.accept(recipient.keys(), recipient.store(),
                (Envelope.Prekey) EnvelopeCodec.decode(wire), Optional.empty());
        pairwise.put(List.of(to, from), accepted.session());
        return accepted.firstMessage();
    }

    private Bytes messageId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Bytes.wrapOwned(id);
    }

}
