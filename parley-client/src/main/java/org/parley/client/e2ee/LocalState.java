package org.parley.client.e2ee;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.prekey.MemoryPrekeyStore;
import org.parley.e2ee.prekey.PrekeyStoreCodec;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionCodec;

/**
 * The device's state, loaded from and written through to its {@link DeviceDirectory}: keys and
 * id ({@code device.keys}, {@code device.id}), prekeys ({@code prekeys}), sessions
 * ({@code sessions/<user>.<device>} and the previous one as {@code .previous}), contacts
 * ({@code contacts/<user>}) and history ({@code history/<user>}). Used by one thread at a time.
 */
final class LocalState {
    private final DeviceDirectory directory;
    private DeviceKeys keys;
    private MemoryPrekeyStore prekeys;
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Contact> contacts = new HashMap<>();
    private final Map<String, Set<String>> seenMessageIds = new HashMap<>();
    private long deviceId;

    private LocalState(DeviceDirectory directory, DeviceKeys keys, MemoryPrekeyStore prekeys, long deviceId) {
        this.directory = directory;
        this.keys = keys;
        this.prekeys = prekeys;
        this.deviceId = deviceId;
    }

    /** Loads the device in {@code directory}, or makes a new one offering {@code suite} and the weaker suites. */
    static LocalState load(DeviceDirectory directory, E2eSuite suite, SecureRandom random) throws IOException {
        Optional<byte[]> stored = directory.read("device.keys");
        try {
            if (stored.isEmpty()) {
                DeviceKeys keys = DeviceKeys.generate(suitesUpTo(suite), random);
                try (SecretBytes encoded = keys.encode()) {
                    directory.write("device.keys", encoded.revealCopy());
                }
                LocalState state = new LocalState(directory, keys, new MemoryPrekeyStore(), 0);
                state.savePrekeys();
                return state;
            }
            DeviceKeys keys;
            try (SecretBytes encoded = SecretBytes.wrapOwned(stored.get())) {
                keys = DeviceKeys.decode(encoded);
            }
            MemoryPrekeyStore prekeys = readPrekeys(directory);
            long id = directory.lines("device.id").stream().findFirst().map(Long::parseLong).orElse(0L);
            return new LocalState(directory, keys, prekeys, id);
        } catch (E2eeException | NumberFormatException e) {
            throw new IOException("the end-to-end device in " + directory.root() + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static MemoryPrekeyStore readPrekeys(DeviceDirectory directory) throws IOException, E2eeException {
        Optional<byte[]> stored = directory.read("prekeys");
        return stored.isPresent() ? PrekeyStoreCodec.decode(SecretBytes.wrapOwned(stored.get())) : new MemoryPrekeyStore();
    }

    private static List<E2eSuite> suitesUpTo(E2eSuite strongest) {
        List<E2eSuite> suites = new ArrayList<>();
        for (E2eSuite suite : E2eSuite.values()) {
            if (suite.code() <= strongest.code()) {
                suites.add(0, suite);
            }
        }
        return suites;
    }

    /**
     * The server no longer has this device (it was removed): new keys and prekeys, no sessions,
     * no id, so that the next attach adds a new device. Contacts and history stay.
     */
    void replaceDevice(E2eSuite suite, SecureRandom random) throws IOException {
        DeviceKeys fresh = DeviceKeys.generate(suitesUpTo(suite), random);
        try (SecretBytes encoded = fresh.encode()) {
            directory.write("device.keys", encoded.revealCopy());
        }
        keys = fresh;
        prekeys = new MemoryPrekeyStore();
        savePrekeys();
        directory.delete("device.id");
        directory.delete("envelopes.handled");
        deviceId = 0;
        for (String name : List.copyOf(sessions.keySet())) {
            directory.delete(name);
        }
        sessions.clear();
        directory.deleteAll("sessions");
    }

    DeviceKeys keys() {
        return keys;
    }

    MemoryPrekeyStore prekeys() {
        return prekeys;
    }

    long deviceId() {
        return deviceId;
    }

    void saveDeviceId(long id) throws IOException {
        directory.write("device.id", (id + "\n").getBytes(StandardCharsets.US_ASCII));
        deviceId = id;
    }

    void savePrekeys() throws IOException {
        try (SecretBytes encoded = PrekeyStoreCodec.encode(prekeys)) {
            directory.write("prekeys", encoded.revealCopy());
        }
    }

    /**
     * The highest envelope id whose result is durably stored (file {@code envelopes.handled}); an
     * envelope at or below it was handled before its acknowledgement was lost, and is only acknowledged again.
     */
    long lastHandledEnvelope() throws IOException {
        return directory.lines("envelopes.handled").stream().findFirst().map(Long::parseLong).orElse(0L);
    }

    void saveLastHandledEnvelope(long id) throws IOException {
        directory.write("envelopes.handled", (id + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The current session with a device, then the previous one (simultaneous starts, docs/E2EE.md §18). */
    List<Session> sessions(String user, long device) throws IOException {
        List<Session> found = new ArrayList<>();
        for (String name : List.of(sessionName(user, device), sessionName(user, device) + ".previous")) {
            Session session = sessions.get(name);
            if (session == null) {
                Optional<byte[]> stored = directory.read(name);
                if (stored.isPresent()) {
                    try {
                        session = SessionCodec.decode(SecretBytes.wrapOwned(stored.get()));
                    } catch (E2eeException e) {
                        throw new IOException("stored session " + name + " is unreadable: " + e.getMessage(), e);
                    }
                    sessions.put(name, session);
                }
            }
            if (session != null) {
                found.add(session);
            }
        }
        return found;
    }

    /** Writes {@code session} back (after every successful encrypt or decrypt). */
    void saveSession(String user, long device, Session session) throws IOException {
        write(sessionFile(user, device, session), session);
    }

    /** The file {@link #saveSession} writes {@code session} to: the current one's, or the previous one's. */
    String sessionFile(String user, long device, Session session) {
        String name = sessionName(user, device);
        Session current = sessions.get(name);
        if (current != null && current != session && sessions.get(name + ".previous") == session) {
            name = name + ".previous";
        }
        return name;
    }

    /** Fails unless {@code state} decodes as a stored session (an outbox file's redo part, {@link SendOutbox}). */
    static void checkSession(SecretBytes state) throws OutboxFormatException {
        try {
            SessionCodec.decode(SecretBytes.wrapOwned(state.revealCopy()));
        } catch (E2eeException e) {
            throw new OutboxFormatException(OutboxFormatException.Reason.BAD_VALUE, "a session that does not decode: "
                    + e.getMessage());
        }
    }

    /** Makes {@code session} the current one with the device, keeping the replaced one as previous. */
    void replaceSession(String user, long device, Session session) throws IOException {
        String name = sessionName(user, device);
        List<Session> existing = sessions(user, device);
        if (!existing.isEmpty() && existing.getFirst() != session) {
            write(name + ".previous", existing.getFirst());
        }
        write(name, session);
    }

    /**
     * Forgets the sessions held in memory and reads the prekey store again, so that what a failed
     * or abandoned write left only in memory (a session, a deleted one-time prekey) is gone.
     */
    void forgetUnsaved() throws IOException {
        sessions.clear();
        try {
            prekeys = readPrekeys(directory);
        } catch (E2eeException e) {
            throw new IOException("the prekeys in " + directory.root() + " are unreadable: " + e.getMessage(), e);
        }
    }

    void dropSessions(String user, long device) throws IOException {
        String name = sessionName(user, device);
        sessions.remove(name);
        sessions.remove(name + ".previous");
        directory.delete(name);
        directory.delete(name + ".previous");
    }

    private void write(String name, Session session) throws IOException {
        try (SecretBytes encoded = SessionCodec.encode(session)) {
            directory.write(name, encoded.revealCopy());
        }
        sessions.put(name, session);
    }

    private static String sessionName(String user, long device) {
        return "sessions/" + FileNames.safe(user) + "." + device;
    }

    Contact contact(String user) throws IOException {
        Contact contact = contacts.get(user);
        if (contact == null) {
            contact = Contact.parse(directory.lines("contacts/" + FileNames.safe(user)));
            contacts.put(user, contact);
        }
        return contact;
    }

    void saveContact(String user) throws IOException {
        directory.write("contacts/" + FileNames.safe(user), contact(user).encode());
    }

    List<E2eMessage> history(String peer) throws IOException {
        List<E2eMessage> messages = new ArrayList<>();
        directory.forEachAppendedLine("history/" + FileNames.safe(peer),
                line -> HistoryLine.parse(peer, line).ifPresent(messages::add));
        return messages;
    }

    /** True if a message with this id from this sender is already in the history. */
    boolean seen(String peer, String fromUser, String messageId) throws IOException {
        return seenIds(peer).contains(fromUser + "/" + messageId);
    }

    /** Appends {@code message} to its conversation's history, durably. */
    void append(E2eMessage message) throws IOException {
        directory.appendLine("history/" + FileNames.safe(message.peer()), HistoryLine.format(message));
        seenIds(message.peer()).add(message.fromUser() + "/" + message.messageId());
    }

    private Set<String> seenIds(String peer) throws IOException {
        Set<String> ids = seenMessageIds.get(peer);
        if (ids == null) {
            ids = new HashSet<>();
            for (E2eMessage message : history(peer)) {
                ids.add(message.fromUser() + "/" + message.messageId());
            }
            seenMessageIds.put(peer, ids);
        }
        return ids;
    }
}
