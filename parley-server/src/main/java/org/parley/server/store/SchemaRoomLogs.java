package org.parley.server.store;

import java.util.List;

/**
 * Version 4 of the store's schema: end-to-end encrypted rooms (docs/PROTOCOL.md, Section 14.9).
 * A room is encrypted or not from its creation ({@code rooms.encrypted}, 0 for every room that
 * existed before); an encrypted room's membership log is kept entry by entry in {@code room_log},
 * each entry the exact bytes a member device signed (docs/E2EE.md Section 19.2). The entries hold
 * only public data: user names, device ids, public identities and signatures.
 */
final class SchemaRoomLogs {

    static final List<String> STATEMENTS = List.of(
            "ALTER TABLE rooms ADD COLUMN encrypted INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1))",
            """
            CREATE TABLE room_log (
              room   TEXT NOT NULL REFERENCES rooms (canonical) ON DELETE CASCADE,
              seq    INTEGER NOT NULL CHECK (seq >= 0),
              entry  BLOB NOT NULL,
              PRIMARY KEY (room, seq)
            )""");

    private SchemaRoomLogs() {
    }
}
