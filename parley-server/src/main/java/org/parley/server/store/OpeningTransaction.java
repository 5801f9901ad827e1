package org.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One write transaction on the writer connection: {@code BEGIN IMMEDIATE}, the work, {@code COMMIT},
 * or {@code ROLLBACK} if the work throws. Used while the store is being opened (schema upgrades, the
 * id skip after an unclean end) and by {@link SqliteDatabase#inTransaction} afterwards.
 */
final class OpeningTransaction {
    private OpeningTransaction() {
    }

    static <T> T run(Connection writer, SqlWork<T> work) throws SQLException, StoreException {
        try (Statement statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                T value = work.apply(writer);
                statement.execute("COMMIT");
                return value;
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
