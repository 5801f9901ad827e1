package org.parley.client.e2ee.room;

import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.RoomSession;
import org.parley.e2ee.group.VerifiedLog;

/**
 * One encrypted room as this device holds it: the entries of its verified membership log and,
 * while the log admits this device, its room session. Used on the worker thread only.
 */
final class HeldRoom {
    final String name;
    List<Bytes> entries;
    VerifiedLog log;
    /** Null once the log no longer admits this device (it left, was kicked or banned). */
    RoomSession session;

    HeldRoom(String name, List<Bytes> entries, VerifiedLog log, RoomSession session) {
        this.name = name;
        this.entries = List.copyOf(entries);
        this.log = log;
        this.session = session;
    }

    /** Takes the session's newly verified log and the entries that make it. */
    void accepted(List<Bytes> fullLog) {
        this.entries = List.copyOf(fullLog);
        this.log = session != null ? session.log() : log;
    }

    List<Bytes> plus(Bytes entry) {
        List<Bytes> more = new ArrayList<>(entries);
        more.add(entry);
        return more;
    }

    boolean member() {
        return session != null && log.membership().admits(session.self());
    }
}
