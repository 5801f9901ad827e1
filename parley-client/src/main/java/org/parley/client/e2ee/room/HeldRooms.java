package org.parley.client.e2ee.room;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.client.EndToEndException;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.RekeyPolicy;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.RoomSession;
import org.parley.e2ee.group.RoomSessionCodec;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.protocol.auth.Usernames;

/**
 * The encrypted rooms of the device: loaded from the {@link RoomStore} on first use, cached, and
 * written back (log and session together) after every change. The names of encrypted rooms are
 * also kept in a concurrent set, for {@link EncryptedRooms#isEncrypted} from any thread.
 */
final class HeldRooms {
    private final RoomStore store;
    private final Map<String, HeldRoom> cache = new HashMap<>();
    private final Set<String> encrypted = ConcurrentHashMap.newKeySet();
    /** Rooms whose sender chain is abandoned (and stored so) when next read: see {@link #abandonChains}. */
    private final Set<String> chainsToAbandon = new java.util.HashSet<>();

    HeldRooms(RoomStore store) throws IOException {
        this.store = store;
        encrypted.addAll(store.rooms());
    }

    RoomStore store() {
        return store;
    }

    boolean isEncrypted(String room) {
        return encrypted.contains(room);
    }

    /** The server said the room is encrypted (JoinedRoom, RoomList, an encrypted_room refusal). */
    void markEncrypted(String room) {
        encrypted.add(room);
    }

    Set<String> names() throws IOException {
        return store.rooms();
    }

    /**
     * At the device's start, the rooms with a send in the outbox: the state stored may be from before
     * that send's encryption (the device stopped in between), so each room's sender chain is abandoned
     * and stored when the room is next read ({@link #find}), before any use: a room that cannot be read
     * or stored now is abandoned at its next reading, and no chain iteration is used for two messages.
     */
    void abandonChains(Set<String> rooms) {
        chainsToAbandon.addAll(rooms);
    }

    /**
     * The room, if this device holds it, its sender chain abandoned first if {@link #abandonChains}
     * named it or a SendRoomKeys of it was on its way when the device stopped
     * ({@link RoomStore#keysSending}); a store that fails then fails this call, and the next one
     * abandons it again.
     */
    Optional<HeldRoom> find(String room, DeviceRef self) throws IOException {
        Optional<HeldRoom> held = read(room);
        if (held.isPresent() && chainsToAbandon.contains(room)) {
            if (held.get().session != null) {
                held.get().session.abandonChain();
                save(held.get());
            }
            chainsToAbandon.remove(room);
            store.keysSent(room);
        }
        return held;
    }

    /**
     * The room as stored, if this device holds it; its log is verified again from the genesis entry,
     * which must name the room (else the files are another room's, whose name makes the same file name).
     */
    private Optional<HeldRoom> read(String room) throws IOException {
        HeldRoom held = cache.get(room);
        if (held != null) {
            return Optional.of(held);
        }
        Optional<RoomStore.Stored> stored = store.load(room);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<Bytes> entries = stored.get().entries();
            RoomSession session = null;
            VerifiedLog log;
            if (stored.get().session().isPresent()) {
                try (SecretBytes bytes = stored.get().session().get()) {
                    session = RoomSessionCodec.decode(bytes, entries);
                }
                log = session.log();
            } else {
                log = VerifiedLog.verify(entries);
            }
            if (!isOf(room, log)) {
                // The files of another room whose name makes the same file name: this device does not hold this one.
                return Optional.empty();
            }
            held = new HeldRoom(room, entries, log, session);
            if (store.keysMaybeUnsent(room)) {
                // A stop during a SendRoomKeys: the chain may be stored as given to devices that never got it.
                chainsToAbandon.add(room);
            }
        } catch (RoomException e) {
            throw new IOException("the stored state of encrypted room " + room + " is unreadable: " + e.error(), e);
        }
        cache.put(room, held);
        encrypted.add(room);
        return Optional.of(held);
    }

    /** The room, which this device must hold and be a member of. */
    HeldRoom member(String room, DeviceRef self) throws IOException, EndToEndException {
        HeldRoom held = find(room, self).orElseThrow(() -> new EndToEndException(
                room + " is not an encrypted room this device is in"));
        if (!held.member()) {
            throw new EndToEndException("this device is no longer a member of the encrypted room " + room);
        }
        return held;
    }

    /**
     * Starts holding a room from a log this device verified and is admitted by. The log must be the
     * room's (its genesis names it: a server cannot show one room's log as another's), and no other
     * room this device holds may have the same files ({@link RoomStore#sharingFiles}).
     */
    HeldRoom adopt(String room, List<Bytes> entries, VerifiedLog log, DeviceRef self) throws IOException, RoomException {
        if (!isOf(room, log)) {
            throw new RoomException(RoomError.WRONG_ROOM, "the log shown for " + room + " is the log of the room "
                    + log.membership().roomId());
        }
        Optional<String> other = store.sharingFiles(room);
        if (other.isPresent()) {
            throw new RoomException(RoomError.WRONG_ROOM, "the name of " + room + " makes the same file name as the room "
                    + other.get() + " this device holds: not held");
        }
        HeldRoom held = new HeldRoom(room, entries, log, new RoomSession(self, log, RekeyPolicy.DEFAULT));
        save(held);
        store.addRoom(room);
        cache.put(room, held);
        encrypted.add(room);
        return held;
    }

    /** Writes the room's log and session (absent once the device is no longer a member), atomically. */
    void save(HeldRoom held) throws IOException {
        if (held.session != null && !held.log.membership().admits(held.session.self())) {
            held.session = null;
        }
        Optional<SecretBytes> session = held.session == null ? Optional.empty()
                : Optional.of(RoomSessionCodec.encode(held.session));
        try {
            store.save(held.name, held.entries, session);
        } finally {
            session.ifPresent(SecretBytes::destroy);
        }
    }

    /** True if {@code log}'s genesis names {@code room} (as the server compares names: their canonical forms). */
    private static boolean isOf(String room, VerifiedLog log) {
        return Usernames.canonical(log.membership().roomId()).equals(Usernames.canonical(room));
    }

    /** Forgets the in-memory state of a room after a failed operation: the next use reads what is on disk. */
    void forget(String room) {
        cache.remove(room);
    }
}
