package org.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A write transaction on the writer connection while the store is being opened (schema upgrades,
 * the id skip after an unclean end), before {@link SqliteDatabase} can run transactions itself:
 * {@code BEGIN IMMEDIATE}, the work, {@code COMMIT}, or {@code ROLLBACK} if the work throws.
 */
final class OpeningTransaction {
    private OpeningTransaction() {
    }

    static void run(Connection writer, SqlWork<?> work) throws SQLException, StoreException {
        try (Statement statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                work.apply(writer);
                statement.execute("COMMIT");
            } catch (SQLException | StoreException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }
}
