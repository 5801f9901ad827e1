package org.parley.client.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.parley.crypto.Bytes;
import org.parley.server.store.RoomChange;
import org.parley.server.store.RoomLogStore;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.StoreException;

/**
 * The server's room-log store, decorated to play a hostile server towards its clients: what it
 * serves ({@code FetchRoomLog}, pushes) can carry an entry appended after the true log, or the
 * true log with two entries swapped. The server itself still checks appends against the true log.
 */
final class HostileRoomLogs implements RoomLogStore {
    private final RoomLogStore real;
    private volatile Bytes inserted;
    private volatile boolean swapFirstEntries;

    private HostileRoomLogs(RoomLogStore real) {
        this.real = real;
    }

    /** The decorator for {@code ParleyServer.start}; {@code holder[0]} receives the instance. */
    static UnaryOperator<RoomLogStore> into(HostileRoomLogs[] holder) {
        return store -> {
            holder[0] = new HostileRoomLogs(store);
            return holder[0];
        };
    }

    /** The true log as stored. */
    List<Bytes> trueLog(String room) throws StoreException {
        return real.entries(room, 0, 100_000);
    }

    /** From now on, {@code entry} is served after the true log (null: nothing). */
    void insertAfterTrueLog(Bytes entry) {
        inserted = entry;
    }

    /** From now on, entries 1 and 2 are served swapped. */
    void swapEntriesOneAndTwo() {
        swapFirstEntries = true;
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
        List<Bytes> served = new ArrayList<>(trueLog(room));
        if (inserted != null) {
            served.add(inserted);
        }
        if (swapFirstEntries && served.size() > 2) {
            Collections.swap(served, 1, 2);
        }
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
