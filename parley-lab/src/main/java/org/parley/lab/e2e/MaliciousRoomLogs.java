package org.parley.lab.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.crypto.Bytes;
import org.parley.server.store.RoomChange;
import org.parley.server.store.RoomLogStore;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.StoreException;

/**
 * The lab server's store of encrypted rooms' membership logs, in the hands of a malicious operator:
 * what the server serves to clients ({@code FetchRoomLog}, pushes) can carry an entry the operator
 * appended after the true log. The server itself still keeps and checks the true log, as the
 * store's test seam intends ({@code ParleyServer.start(settings, clock, roomLogs)}). Until a
 * scenario plants something it passes everything through unchanged.
 */
public final class MaliciousRoomLogs implements RoomLogStore {
    private final RoomLogStore real;
    private final Map<String, Bytes> planted = new ConcurrentHashMap<>();

    public MaliciousRoomLogs(RoomLogStore real) {
        this.real = real;
    }

    /** The true log of {@code room} (canonical name) as stored. */
    public List<Bytes> trueLog(String room) throws StoreException {
        return real.entries(room, 0, 100_000);
    }

    /** From now on, {@code entry} is served after the true log of {@code room}; empty: nothing. */
    public void plant(String room, Optional<Bytes> entry) {
        entry.ifPresentOrElse(e -> planted.put(room, e), () -> planted.remove(room));
    }

    @Override
    public void createRoom(RoomRecord room, Bytes genesis) throws StoreException {
        real.createRoom(room, genesis);
    }

    @Override
    public void append(String room, long seq, Bytes entry, List<RoomChange> changes) throws StoreException {
        real.append(room, seq, entry, changes);
    }

    @Override
    public List<Bytes> entries(String room, long fromSeq, int max) throws StoreException {
        Bytes extra = planted.get(room);
        if (extra == null) {
            return real.entries(room, fromSeq, max);
        }
        List<Bytes> served = new ArrayList<>(trueLog(room));
        served.add(extra);
        if (fromSeq >= served.size()) {
            return List.of();
        }
        return List.copyOf(served.subList((int) fromSeq, (int) Math.min(served.size(), fromSeq + max)));
    }

    @Override
    public Map<String, List<Bytes>> allLogs() throws StoreException {
        return real.allLogs();
    }
}
