package org.parley.server.store;

import java.util.List;
import java.util.Map;
import org.parley.crypto.Bytes;

/**
 * The membership logs of end-to-end encrypted rooms (docs/PROTOCOL.md, Section 14.9): each an
 * append-only list of entries numbered from 0, written in one transaction with the chat-state
 * changes it brings. Rooms are canonical names. Blocking; writes durable on return.
 *
 * <p><b>Test seam.</b> The server reads a log back from here for two things only: to serve it
 * ({@code FetchRoomLog} pages and the entry of each {@code RoomLogAppended} push, both through
 * {@link #entries}) and once at start ({@link #allLogs}) to rebuild its own verified copy. A test
 * may therefore wrap the real store ({@code ParleyServer.start(settings, clock, roomLogs)}) in a
 * decorator that inserts, reorders or forks what {@link #entries} returns, to play a hostile server
 * towards its clients, while the server itself keeps checking appends against the true log.
 */
public interface RoomLogStore {

    /**
     * Creates an encrypted room: its row (flag {@code encrypted}), its owner's membership and the
     * genesis entry at seq 0, in one transaction.
     *
     * @throws StoreException.Conflict if the name is taken (or looks like an existing room's name)
     */
    void createRoom(RoomRecord room, Bytes genesis) throws StoreException;

    /**
     * Stores {@code entry} at {@code seq} and applies {@code changes}, in one transaction.
     *
     * @throws StoreException.Conflict if the log already has an entry at {@code seq}
     */
    void append(String room, long seq, Bytes entry, List<RoomChange> changes) throws StoreException;

    /** At most {@code max} entries of the room's log from {@code fromSeq} on, in seq order. */
    List<Bytes> entries(String room, long fromSeq, int max) throws StoreException;

    /** Every encrypted room with its whole log, for loading at start (the log of a room may be empty only if damaged). */
    Map<String, List<Bytes>> allLogs() throws StoreException;
}
