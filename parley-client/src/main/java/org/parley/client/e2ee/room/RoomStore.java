package org.parley.client.e2ee.room;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.client.e2ee.FileNames;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.group.LogEntry;
import org.parley.e2ee.group.VerifiedLog;

/**
 * The encrypted rooms on disk, inside the device directory (docs/E2EE.md §20.7):
 * {@code rooms/index} (one line per room: hex of its UTF-8 name), and per room
 * {@code rooms/<room>/log} (the verified log's entries, appended as the log grows),
 * {@code rooms/<room>/state} (the stored room session and how many of the log's entries it goes
 * with, replaced atomically after the log's new entries are written, so they always match),
 * {@code rooms/<room>/pending} (envelopes waiting for
 * their sender's chain, at most {@value #MAX_PENDING}) and {@code rooms/<room>/history} (decrypted
 * messages, appended and fsynced). Owner-only, like the rest of the directory.
 */
final class RoomStore {
    /** Envelopes kept per room while their sender's distribution has not arrived; the oldest go first. */
    static final int MAX_PENDING = PendingEnvelopes.MAX_PENDING;
    /** A state file of version 1 held the log entries too, and was written whole at every message. */
    private static final int LEGACY_STATE_VERSION = 1;
    private static final int STATE_VERSION = 2;

    private final DeviceDirectory directory;
    /** Per room, where the entries of its log file end, once this store has read or written it. */
    private final Map<String, LogEnd> logs = new HashMap<>();
    private final PendingEnvelopes pending;
    private final StopPoint beforeState;

    RoomStore(DeviceDirectory directory) {
        this(directory, () -> { });
    }

    /** As above; {@code beforeState} runs just before each state file is written (tests stop there, as a crash would). */
    RoomStore(DeviceDirectory directory, StopPoint beforeState) {
        this.directory = directory;
        this.pending = new PendingEnvelopes(directory);
        this.beforeState = beforeState;
    }

    /** A point of {@link #save} where tests simulate a stop. */
    @FunctionalInterface
    interface StopPoint {
        void reached() throws IOException;
    }

    /** What {@code state} holds: the verified log's entries and, while this device is a member, its session. */
    record Stored(List<Bytes> entries, Optional<SecretBytes> session) {
    }

    /** An envelope kept until its sender's chain arrives. */
    record Pending(long serverId, String from, Bytes envelope) {
    }

    Set<String> rooms() throws IOException {
        Set<String> rooms = new LinkedHashSet<>();
        for (String line : directory.lines("rooms/index")) {
            try {
                rooms.add(new String(HexFormat.of().parseHex(line.strip()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // A torn line (crash while writing the index) names no room.
            }
        }
        return rooms;
    }

    void addRoom(String room) throws IOException {
        Set<String> rooms = rooms();
        if (rooms.add(room)) {
            StringBuilder out = new StringBuilder();
            for (String name : rooms) {
                out.append(HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8))).append('\n');
            }
            directory.write("rooms/index", out.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * A room of the index other than {@code room} whose files {@code room} would use: a name kept as
     * it is and one written {@code x-} and hex can be the same ("x-4142" and "AB").
     */
    Optional<String> sharingFiles(String room) throws IOException {
        String directory = FileNames.safe(room);
        return rooms().stream().filter(other -> !other.equals(room) && FileNames.safe(other).equals(directory)).findFirst();
    }

    Optional<Stored> load(String room) throws IOException {
        Optional<byte[]> content = directory.read(file(room, "state"));
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(content.get());
            int version = in.get();
            if (version == LEGACY_STATE_VERSION) {
                logs.remove(room); // the log is still inside the state: the next save writes the log file
                return Optional.of(new Stored(legacyEntries(room, in), session(room, in)));
            }
            if (version != STATE_VERSION) {
                throw new IOException("unknown version of " + file(room, "state"));
            }
            int count = in.getInt();
            Optional<SecretBytes> session = session(room, in);
            RoomLogFile.Read log;
            try (InputStream stream = directory.openStream(file(room, "log"))
                    .orElseThrow(() -> new IOException(file(room, "log") + " is missing"))) {
                log = RoomLogFile.read(stream, count);
            } catch (IOException e) {
                session.ifPresent(SecretBytes::destroy);
                throw new IOException(file(room, "log") + ": " + e.getMessage(), e);
            }
            logs.put(room, LogEnd.of(log.entries(), log.end()));
            return Optional.of(new Stored(log.entries(), session));
        } catch (BufferUnderflowException e) {
            throw new IOException(file(room, "state") + " is truncated", e);
        }
    }

    /** The log entries of a state file of version 1, which held them before the session. */
    private static List<Bytes> legacyEntries(String room, ByteBuffer in) throws IOException {
        int count = in.getInt();
        if (count < 1 || count > VerifiedLog.MAX_ENTRIES) {
            throw new IOException("log entry count out of range in " + file(room, "state"));
        }
        List<Bytes> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = Short.toUnsignedInt(in.getShort());
            if (length < 1 || length > LogEntry.MAX_LENGTH) {
                throw new IOException("log entry length out of range in " + file(room, "state"));
            }
            byte[] entry = new byte[length];
            in.get(entry);
            entries.add(Bytes.wrapOwned(entry));
        }
        return entries;
    }

    /** The stored session that ends a state file, if any; nothing may follow it. */
    private static Optional<SecretBytes> session(String room, ByteBuffer in) throws IOException {
        Optional<SecretBytes> session = Optional.empty();
        if (in.get() == 1) {
            int length = in.getInt();
            if (length < 1 || length > in.remaining()) {
                throw new IOException("stored session length out of range in " + file(room, "state"));
            }
            byte[] stored = new byte[length];
            in.get(stored);
            session = Optional.of(SecretBytes.wrapOwned(stored));
        }
        if (in.hasRemaining()) {
            session.ifPresent(SecretBytes::destroy);
            throw new IOException("trailing bytes in " + file(room, "state"));
        }
        return session;
    }

    /**
     * Stores the room's log and session so that they always match: the log's new entries are
     * appended to {@code rooms/<room>/log} (the whole file is written anew only when it is not
     * known to hold a prefix of {@code entries}), then {@code rooms/<room>/state} is replaced
     * atomically with the session and the number of log entries it goes with. A crash in between
     * leaves entries the state does not count; they are not read, and the next append writes over
     * them. When the log file is written anew, a self-contained state (version 1, the log inside)
     * is written before it, so that a crash while the file holds a log the state does not go with
     * leaves a state that does not read it.
     */
    void save(String room, List<Bytes> entries, Optional<SecretBytes> session) throws IOException {
        if (entries.isEmpty() || entries.size() > VerifiedLog.MAX_ENTRIES) {
            throw new IllegalArgumentException(entries.size() + " log entries");
        }
        LogEnd known = logs.get(room);
        long end;
        if (known != null && known.isPrefixOf(entries)) {
            end = known.end();
            if (entries.size() > known.count()) {
                byte[] records = RoomLogFile.records(entries.subList(known.count(), entries.size()));
                directory.appendAt(file(room, "log"), end, records);
                end += records.length;
            }
        } else {
            // Not known to extend the log file (a room adopted or moved out of a version-1 state, or a log
            // that does not extend the one stored): first a self-contained state (version 1, the log inside),
            // so that a stop while the log file is written anew leaves a state that does not need it.
            writeState(room, entries, session, true);
            byte[] whole = RoomLogFile.file(entries);
            directory.write(file(room, "log"), whole);
            end = whole.length;
        }
        logs.put(room, LogEnd.of(entries, end));
        writeState(room, entries, session, false);
    }

    /** Replaces the state atomically: version 2 (the number of log entries), or version 1 with the entries themselves. */
    private void writeState(String room, List<Bytes> entries, Optional<SecretBytes> session, boolean withEntries)
            throws IOException {
        beforeState.reached();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(withEntries ? LEGACY_STATE_VERSION : STATE_VERSION);
            out.writeInt(entries.size());
            if (withEntries) {
                for (Bytes entry : entries) {
                    out.writeShort(entry.length());
                    out.write(entry.toByteArray());
                }
            }
            out.writeByte(session.isPresent() ? 1 : 0);
            if (session.isPresent()) {
                byte[] stored = session.get().revealCopy();
                out.writeInt(stored.length);
                out.write(stored);
                java.util.Arrays.fill(stored, (byte) 0);
            }
        }
        byte[] content = bytes.toByteArray();
        try {
            directory.write(file(room, "state"), content);
        } finally {
            java.util.Arrays.fill(content, (byte) 0);
        }
    }

    /** Where the entries this store wrote to (or read from) a room's log file end. */
    private record LogEnd(int count, Bytes last, long end) {
        static LogEnd of(List<Bytes> entries, long end) {
            return new LogEnd(entries.size(), entries.getLast(), end);
        }

        /** True if the file's entries are the first ones of {@code entries} (a log only grows). */
        boolean isPrefixOf(List<Bytes> entries) {
            return entries.size() >= count && entries.get(count - 1).equals(last);
        }
    }

    /**
     * Marks that a SendRoomKeys of the room is on its way (written before the state with the chain it
     * distributes): until {@link #keysSent}, a stop may have left the chain stored as given to
     * devices that never got it, so a start that finds the mark abandons the chain (E2EE.md 20.7).
     */
    void keysSending(String room) throws IOException {
        directory.write(file(room, "keys-sending"), new byte[0]);
    }

    boolean keysMaybeUnsent(String room) throws IOException {
        Optional<InputStream> mark = directory.openStream(file(room, "keys-sending"));
        if (mark.isEmpty()) {
            return false;
        }
        mark.get().close();
        return true;
    }

    void keysSent(String room) throws IOException {
        directory.deleteDurably(file(room, "keys-sending"));
    }

    /** The newest {@value #MAX_PENDING} envelopes waiting for their sender's chain, oldest first. */
    List<Pending> pending(String room) throws IOException {
        if (pending.knownEmpty(room)) {
            return List.of();
        }
        return pending.read(room, file(room, "pending"));
    }

    /** Appends an envelope waiting for its sender's chain, unless one with its server id waits already; true if added. */
    boolean addPending(String room, Pending envelope) throws IOException {
        return pending.add(room, file(room, "pending"), envelope);
    }

    /** Replaces the waiting envelopes, keeping the newest {@value #MAX_PENDING}. */
    void savePending(String room, List<Pending> waiting) throws IOException {
        pending.replace(room, file(room, "pending"), waiting);
    }

    List<E2eRoomMessage> history(String room) throws IOException {
        List<E2eRoomMessage> messages = new ArrayList<>();
        directory.forEachAppendedLine(file(room, "history"), line -> RoomHistoryLine.parse(room, line).ifPresent(messages::add));
        return messages;
    }

    void append(E2eRoomMessage message) throws IOException {
        directory.appendLine(file(message.room(), "history"), RoomHistoryLine.format(message));
    }

    private static String file(String room, String name) {
        return "rooms/" + FileNames.safe(room) + "/" + name;
    }
}
