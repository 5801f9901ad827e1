package org.parley.client.e2ee.room;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parley.client.ParleyClient;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.RoomError;
import org.parley.protocol.chat.StoredMessage;

/** One member device in a {@link RoomHub} test: the real room logic over its own device directory. */
final class RoomMember {
    /** The room sends kept in the (modelled) outbox: each leaves it once answered. */
    final java.util.Set<String> outbox = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong kept = new java.util.concurrent.atomic.AtomicLong();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T04:00:00Z"), ZoneOffset.UTC);

    final DeviceRef self;
    final DeviceKeys keys;
    final RoomHub hub;
    final RoomServer server;
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    final Path directory;
    HeldRooms rooms;
    LogKeeper logs;
    RoomTraffic traffic;
    private final java.util.Map<String, Integer> read = new java.util.HashMap<>();

    RoomMember(RoomHub hub, Path base, String user, long deviceId, SecureRandom random) throws Exception {
        this.self = new DeviceRef(user, deviceId);
        this.keys = DeviceKeys.generate(random);
        this.hub = hub;
        this.server = hub.serverFor(self);
        this.directory = base.resolve(user + "." + deviceId);
        hub.listedKeys.computeIfAbsent(user, u -> new java.util.ArrayList<>()).add(keys.identity().signingKey());
        open(random);
    }

    /** Opens the room logic over the device directory (again: a restart). */
    void open(SecureRandom random) throws Exception {
        rooms = new HeldRooms(new RoomStore(DeviceDirectory.open(directory)));
        RoomNotices notices = new RoomNotices(events::add);
        RoomDevice device = new RoomDevice() {
            @Override
            public DeviceKeys keys() {
                return keys;
            }

            @Override
            public DeviceRef self() {
                return self;
            }

            @Override
            public PairwiseSessions pairwise(ParleyClient client) {
                return RoomMember.this.pairwise();
            }

            @Override
            public boolean unverified(DeviceRef device, Bytes identity) {
                return hub.unverified.contains(device);
            }

            @Override
            public java.util.Set<Bytes> ownDeviceKeys(ParleyClient client) {
                java.util.Set<Bytes> keys = new java.util.HashSet<>(hub.listedKeys.getOrDefault(self.user(), List.of()));
                keys.add(RoomMember.this.keys.identity().signingKey());
                return keys;
            }

            @Override
            public String keep(org.parley.client.e2ee.PendingRoomSend send) {
                String file = "outbox/" + kept.incrementAndGet();
                outbox.add(file);
                return file;
            }

            @Override
            public void settled(String file) {
                outbox.remove(file);
            }

            @Override
            public void unconfirmed(org.parley.client.e2ee.UnconfirmedSends.Send send) {
                throw new UnsupportedOperationException("the modelled hub answers every send");
            }

            @Override
            public void resendUnconfirmed(ParleyClient client) {
                // Nothing is ever unconfirmed here (see unconfirmed).
            }

            @Override
            public <T> CompletableFuture<T> run(Callable<T> task) {
                try {
                    return CompletableFuture.completedFuture(task.call());
                } catch (Exception e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
        };
        logs = new LogKeeper(rooms, device, CLOCK, notices);
        traffic = new RoomTraffic(rooms, device, logs, CLOCK, random, notices);
    }

    PairwiseSessions pairwise() {
        return new PairwiseSessions() {
            @Override
            public Bytes seal(DeviceRef to, org.parley.e2ee.device.DeviceIdentity identity,
                    org.parley.e2ee.envelope.InnerMessage inner) throws Exception {
                if (hub.withheld.containsKey(to)) {
                    throw new PairwiseSessions.Withheld(to, hub.withheld.get(to), "the modelled rule withholds " + to);
                }
                if (hub.brokenBundles.contains(to)) {
                    throw new PairwiseSessions.Unreachable(to, org.parley.e2ee.E2eeError.INVALID_KEY,
                            "the modelled server serves a broken bundle for " + to, null);
                }
                hub.keys.add(new RoomHub.Sealed(self, keys.identity().encoded(), to, inner));
                return Bytes.utf8("sealed");
            }

            @Override
            public List<Bytes> invitationKeys(String user) {
                return hub.listedKeys.getOrDefault(user, List.of());
            }
        };
    }

    E2eRoomMessage send(String room, String text) throws Exception {
        java.util.concurrent.CompletableFuture<E2eRoomMessage> sent = new java.util.concurrent.CompletableFuture<>();
        traffic.send(server, pairwise(), room, text, sent);
        return sent.getNow(null);
    }

    /** Takes the sender keys queued for this device, then the room messages not read yet, in order. */
    void receive(String room) throws Exception {
        for (RoomHub.Sealed sealed : List.copyOf(hub.keys)) {
            if (sealed.to().equals(self)) {
                hub.keys.remove(sealed);
                traffic.distribution(server, sealed.from(), sealed.fromIdentity(), sealed.inner());
            }
        }
        List<StoredMessage> all = hub.messages.get(room);
        int from = read.getOrDefault(room, 0);
        for (StoredMessage message : all.subList(from, all.size())) {
            traffic.received(server, room, message);
        }
        read.put(room, all.size());
    }

    List<String> texts() {
        return events.stream().filter(e -> e instanceof RoomEvent.Message).map(e -> ((RoomEvent.Message) e).message().text())
                .toList();
    }

    List<RoomError> problems() {
        return events.stream().filter(e -> e instanceof RoomEvent.Problem).map(e -> ((RoomEvent.Problem) e).error())
                .toList();
    }

    List<RoomNoticeKind> notices() {
        return events.stream().filter(e -> e instanceof RoomEvent.Notice).map(e -> ((RoomEvent.Notice) e).kind())
                .toList();
    }
}
