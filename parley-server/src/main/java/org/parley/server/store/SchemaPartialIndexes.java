package org.parley.server.store;

import java.util.List;

/**
 * Version 5 of the store's schema: the two private-message indexes of {@code messages} become
 * partial, holding private messages only.
 *
 * <p>Version 1 indexed every row in {@code messages_by_pair} and {@code messages_by_recipient},
 * so each room message (where both keys are NULL) added a NULL entry to each: two more B-tree
 * pages written to the log by every group commit, 5 in all for a lone room message, and two more
 * index insertions per message on the writer thread (issue 13). With {@code WHERE … IS NOT NULL}
 * a room message touches only the table, {@code sqlite_sequence} and {@code messages_by_room}.
 * The queries that use these indexes ({@link SqlMessages#PRIVATE_HISTORY},
 * {@link SqlMessages#UNDELIVERED_PRIVATE}) compare the indexed column with {@code =}, which implies
 * {@code IS NOT NULL}, so SQLite's planner still picks them.
 *
 * <p>The upgrade rebuilds both indexes from the private messages (one pass over the table each),
 * in the same transaction as its version row: a crash during it leaves version 4 intact.
 */
final class SchemaPartialIndexes {

    static final List<String> STATEMENTS = List.of(
            "DROP INDEX messages_by_pair",
            "CREATE INDEX messages_by_pair ON messages (pair_low, pair_high, id) WHERE pair_low IS NOT NULL",
            "DROP INDEX messages_by_recipient",
            "CREATE INDEX messages_by_recipient ON messages (recipient_key, id) WHERE recipient_key IS NOT NULL");

    private SchemaPartialIndexes() {
    }
}
