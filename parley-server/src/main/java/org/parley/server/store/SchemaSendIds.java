package org.parley.server.store;

import java.util.List;

/**
 * Version 6 of the store's schema: the send ids of sends made once (docs/PROTOCOL.md 14.5,
 * "Sending once"), each written in the transaction that stores its message or envelopes, so that
 * a repeat after a restart of the server is answered with the first's id instead of being stored a
 * second time. Replaced by version 7 ({@link SchemaSendBatches}), which converts these rows and
 * drops the table: one row per send cost a group commit of 64 messages sent once about 8 µs of the
 * writer's CPU per message, so version 7 writes one row per transaction. Kept as written, since a
 * version is never edited; what follows is why version 6 looked as it did, and version 7 keeps it.
 *
 * <p>A table of its own rather than columns of {@code messages}: its rows are needed only
 * {@link SendMark#KEPT} and are then deleted, while messages stay; and envelopes have them too. Its
 * key starts with the time, {@code WITHOUT ROWID}: one B-tree, in which a commit's new rows go to
 * its right edge (one more page in the log for a commit of sends made once, no separate index) and
 * the rows to delete are a range at its left edge. The key's other columns keep two sends stored
 * in the same millisecond apart; the same send id stored twice (once its first was forgotten) is
 * two rows, of which the newest counts.
 */
final class SchemaSendIds {

    static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE send_ids (
              stored_at    INTEGER NOT NULL,
              account      TEXT NOT NULL,
              send_id      BLOB NOT NULL,
              digest       BLOB NOT NULL,
              answered_id  INTEGER NOT NULL,
              PRIMARY KEY (stored_at, account, send_id)
            ) WITHOUT ROWID""");

    private SchemaSendIds() {
    }
}
