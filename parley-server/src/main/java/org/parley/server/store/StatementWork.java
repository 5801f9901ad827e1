package org.parley.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One read run against a statement that a pooled read-only connection prepared once and keeps
 * ({@link ReaderPool#readPrepared}): the work binds its parameters, executes it and closes the
 * result set it opened, never the statement.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
interface StatementWork<T> {

    T apply(PreparedStatement statement) throws SQLException, StoreException;
}
