package org.parley.server.store;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Translates failures raised while running database work into {@link StoreException}s.
 *
 * <p><b>Security.</b> Messages name the operation and SQLite's own error text, which names
 * constraints and tables but never bound values, so no message body or verifier byte reaches a
 * message or a log.
 */
final class StoreFailures {

    private StoreFailures() {
    }

    /** Maps {@code failure}, thrown by work for {@code operation}, to the exception callers see. */
    static StoreException translate(Throwable failure, String operation) {
        return switch (failure) {
            case StoreException store -> store;
            case SQLException sql when isUniquenessViolation(sql) ->
                    new StoreException.Conflict(operation + ": already exists");
            case SQLException sql when isForeignKeyViolation(sql) ->
                    new StoreException(operation + ": the room or account does not exist", sql);
            case SQLException sql -> new StoreException(operation + " failed: " + sql.getMessage(), sql);
            case Error error -> throw error;
            default -> new StoreException(operation + " failed unexpectedly", failure);
        };
    }

    private static boolean isUniquenessViolation(SQLException sql) {
        return sql instanceof SQLiteException lite
                && (lite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                || lite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    }

    private static boolean isForeignKeyViolation(SQLException sql) {
        return sql instanceof SQLiteException lite
                && lite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
    }
}
