package org.parley.e2ee.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;

/**
 * A membership log this device has verified from its genesis entry (docs/E2EE.md, "Membership log"):
 * every entry's position and previous hash, signature and rules. Immutable: {@link #extend} returns
 * a new one or throws, so a refused log leaves the last verified one in place.
 *
 * <p>A client keeps the verified log per room and only ever replaces it by an extension of it: a
 * server that shows a different entry at a verified position, or a shorter log, is caught as
 * {@link RoomError#LOG_FORKED}.
 */
public final class VerifiedLog {
    /** Most entries a log may hold (a bigger one is refused before anything is parsed). */
    public static final int MAX_ENTRIES = 100_000;

    private final List<Bytes> hashes;
    private final Membership membership;

    private VerifiedLog(List<Bytes> hashes, Membership membership) {
        this.hashes = List.copyOf(hashes);
        this.membership = membership;
    }

    /** Verifies a whole log from its genesis entry. */
    public static VerifiedLog verify(List<Bytes> entries) throws RoomException {
        if (entries.isEmpty()) {
            throw RoomException.malformed("a membership log has at least its genesis entry");
        }
        checkSize(entries);
        LogEntry genesis = decodeAt(entries.get(0), 0, LogEntry.GENESIS_PREVIOUS);
        Membership state = MembershipRules.genesis(genesis);
        List<Bytes> hashes = new ArrayList<>();
        hashes.add(genesis.hash());
        return appendAll(hashes, state, entries.subList(1, entries.size()));
    }

    /**
     * Accepts {@code fullLog}, the whole log as the server now shows it, only if it extends this one:
     * the same entries at every verified position, then valid new entries.
     */
    public VerifiedLog extend(List<Bytes> fullLog) throws RoomException {
        checkSize(fullLog);
        if (fullLog.size() < hashes.size()) {
            throw new RoomException(RoomError.LOG_FORKED, "the log has " + fullLog.size()
                    + " entries, fewer than the " + hashes.size() + " already verified");
        }
        for (int i = 0; i < hashes.size(); i++) {
            if (!LogEntry.hashOf(fullLog.get(i)).equals(hashes.get(i))) {
                throw new RoomException(RoomError.LOG_FORKED, "entry " + i + " differs from the one already verified");
            }
        }
        return appendAll(new ArrayList<>(hashes), membership, fullLog.subList(hashes.size(), fullLog.size()));
    }

    /** Accepts entries that follow this log directly. */
    public VerifiedLog append(List<Bytes> newEntries) throws RoomException {
        if (hashes.size() + newEntries.size() > MAX_ENTRIES) {
            throw RoomException.malformed("a membership log holds at most " + MAX_ENTRIES + " entries");
        }
        return appendAll(new ArrayList<>(hashes), membership, newEntries);
    }

    /** Makes the next entry, signed by {@code actorKeys} (not yet part of this log: pass it to {@link #append}). */
    public LogEntry next(DeviceKeys actorKeys, DeviceRef actor, Instant at, LogBody body) {
        return LogEntryCodec.sign(actorKeys, actor, hashes.size(), head(), at, body);
    }

    /** Makes a genesis entry for a new room. */
    public static LogEntry create(DeviceKeys creatorKeys, DeviceRef creator, Instant at, String roomId,
            String roomName, Visibility visibility) {
        return LogEntryCodec.sign(creatorKeys, creator, 0, LogEntry.GENESIS_PREVIOUS, at,
                new LogBody.Create(roomId, roomName, visibility, creatorKeys.identity().encoded()));
    }

    public Membership membership() {
        return membership;
    }

    /** Number of verified entries. */
    public int size() {
        return hashes.size();
    }

    /** Hash of the last verified entry. */
    public Bytes head() {
        return hashes.get(hashes.size() - 1);
    }

    /** Hash of the verified entry at {@code seq}. */
    public Bytes hashAt(long seq) {
        return hashes.get(Math.toIntExact(seq));
    }

    private static VerifiedLog appendAll(List<Bytes> hashes, Membership state, List<Bytes> entries)
            throws RoomException {
        if (entries.isEmpty()) {
            return new VerifiedLog(hashes, state);
        }
        // One draft for the whole batch: a refused entry throws it away with the batch.
        MembershipRules.Draft draft = new MembershipRules.Draft(state);
        for (Bytes encoded : entries) {
            LogEntry entry = decodeAt(encoded, hashes.size(), hashes.get(hashes.size() - 1));
            MembershipRules.apply(draft, entry);
            hashes.add(entry.hash());
        }
        return new VerifiedLog(hashes, draft.build());
    }

    private static LogEntry decodeAt(Bytes encoded, long position, Bytes previousHash) throws RoomException {
        LogEntry entry = LogEntryCodec.decode(encoded);
        if (entry.seq() != position) {
            throw new RoomException(RoomError.LOG_BROKEN, "entry at position " + position + " says it is entry "
                    + entry.seq());
        }
        if (!entry.previousHash().equals(previousHash)) {
            throw new RoomException(RoomError.LOG_BROKEN, "entry " + position + " does not commit to entry "
                    + (position - 1));
        }
        return entry;
    }

    private static void checkSize(List<Bytes> entries) throws RoomException {
        if (entries.size() > MAX_ENTRIES) {
            throw RoomException.malformed("a membership log holds at most " + MAX_ENTRIES + " entries");
        }
    }
}
