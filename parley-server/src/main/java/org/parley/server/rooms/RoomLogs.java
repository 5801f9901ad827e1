package org.parley.server.rooms;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.LogEntry;
import org.parley.e2ee.group.LogEntryCodec;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.e2ee.group.Visibility;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.RoomVisibility;

/**
 * The server's verified copy of every encrypted room's membership log (docs/PROTOCOL.md, Section
 * 14.9), and the checks of a new entry against it. Rooms are canonical names. Each room's log is
 * read and replaced only on that room's lane; the map itself is concurrent because lanes differ.
 *
 * <p><b>Security.</b> An entry is accepted only if the pure core's {@link VerifiedLog} accepts the
 * log it extends (hash chain, signature by the key the log admits, the rules of docs/E2EE.md
 * Section 19.4) and, on top, it is this session's own act: the actor is the session's user and
 * bound device, and a {@code create} or {@code join} carries that device's identity. The server
 * therefore never stores an entry a member device did not sign, and a session cannot replay
 * another device's entries. Refusal details name the check, never entry bytes or keys.
 */
public final class RoomLogs {
    private final Map<String, VerifiedLog> logs = new ConcurrentHashMap<>();

    /**
     * Verifies every stored log (at start).
     *
     * @throws IllegalStateException if a stored log does not verify: the database was altered
     */
    public static RoomLogs verify(Map<String, List<Bytes>> stored) {
        RoomLogs verified = new RoomLogs();
        for (Map.Entry<String, List<Bytes>> room : stored.entrySet()) {
            try {
                verified.logs.put(room.getKey(), VerifiedLog.verify(room.getValue()));
            } catch (RoomException e) {
                throw new IllegalStateException("the stored membership log of room '" + room.getKey()
                        + "' does not verify (" + e.error() + "): the database was altered", e);
            }
        }
        return verified;
    }

    public boolean isEncrypted(String room) {
        return logs.containsKey(room);
    }

    /** Entries in the room's verified log (0 for a room that is not encrypted). */
    public long size(String room) {
        VerifiedLog log = logs.get(room);
        return log == null ? 0 : log.size();
    }

    /** The verified log of an encrypted room. */
    public VerifiedLog log(String room) {
        VerifiedLog log = logs.get(room);
        if (log == null) {
            throw new IllegalArgumentException("not an encrypted room");
        }
        return log;
    }

    /** Adopts a log after the store committed its last entry. */
    public void adopt(String room, VerifiedLog log) {
        logs.put(room, log);
    }

    /**
     * Checks the genesis entry of a new room named {@code roomName} (the server's display form)
     * with {@code visibility}, created by {@code device}.
     */
    public static CheckedEntry checkGenesis(String roomName, RoomVisibility visibility, Bytes genesis,
                                            BoundDevice device) throws LogRefusal {
        VerifiedLog log;
        try {
            log = VerifiedLog.verify(List.of(genesis));
        } catch (RoomException e) {
            throw rejected(e);
        }
        LogEntry entry = decode(genesis);
        requireActor(entry, device);
        if (!(entry.body() instanceof LogBody.Create create)) {
            throw new LogRefusal(ErrorCode.LOG_REJECTED, "LOG_FORBIDDEN: a genesis entry is a create entry");
        }
        if (!create.roomId().equals(roomName) || !create.roomName().equals(roomName)) {
            throw new LogRefusal(ErrorCode.LOG_REJECTED, "LOG_FORBIDDEN: the genesis room_id and room_name must both be "
                    + "the room's name");
        }
        Visibility expected = visibility == RoomVisibility.PUBLIC ? Visibility.PUBLIC : Visibility.PRIVATE;
        if (create.visibility() != expected) {
            throw new LogRefusal(ErrorCode.LOG_REJECTED, "LOG_FORBIDDEN: the genesis visibility is not the requested one");
        }
        if (!create.creatorIdentity().equals(device.identity())) {
            throw new LogRefusal(ErrorCode.LOG_REJECTED, "LOG_FORBIDDEN: the creator identity is not this device's");
        }
        return new CheckedEntry(entry, log);
    }

    /** Checks {@code encoded} as the next entry of the room's log, appended by {@code device}. */
    public CheckedEntry checkAppend(String room, Bytes encoded, BoundDevice device) throws LogRefusal {
        VerifiedLog current = log(room);
        LogEntry entry = decode(encoded);
        if (entry.seq() != current.size()) {
            throw new LogRefusal(ErrorCode.LOG_CONFLICT, "the log has " + current.size() + " entries: fetch it and "
                    + "append at seq " + current.size());
        }
        requireActor(entry, device);
        VerifiedLog extended;
        try {
            extended = current.append(List.of(encoded));
        } catch (RoomException e) {
            throw rejected(e);
        }
        switch (entry.body()) {
            case LogBody.Join join when !join.identity().equals(device.identity()) ->
                    throw new LogRefusal(ErrorCode.LOG_REJECTED, "LOG_FORBIDDEN: the joining identity is not this "
                            + "device's");
            case LogBody.DeviceAdded added when device.accountDevices().stream().noneMatch(d ->
                    d.deviceId() == added.deviceId() && d.identity().equals(added.identity())) ->
                    throw new LogRefusal(ErrorCode.LOG_REJECTED, "LOG_FORBIDDEN: device " + added.deviceId()
                            + " is not a current device of this account with that identity");
            default -> {
                // the other actions need no check beyond the log's rules
            }
        }
        return new CheckedEntry(entry, extended);
    }

    private static LogEntry decode(Bytes encoded) throws LogRefusal {
        try {
            return LogEntryCodec.decode(encoded);
        } catch (RoomException e) {
            throw rejected(e);
        }
    }

    private static void requireActor(LogEntry entry, BoundDevice device) throws LogRefusal {
        if (!entry.actor().user().equals(device.user()) || entry.actor().deviceId() != device.deviceId()) {
            throw new LogRefusal(ErrorCode.LOG_REJECTED, "LOG_FORBIDDEN: the entry's actor is not this session's user "
                    + "and bound device");
        }
    }

    private static LogRefusal rejected(RoomException e) {
        return new LogRefusal(ErrorCode.LOG_REJECTED, e.error().name() + ": " + e.getMessage());
    }
}
