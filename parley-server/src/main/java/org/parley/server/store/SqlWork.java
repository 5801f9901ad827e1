package org.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One unit of database work run against a connection the store lends for its duration: inside a
 * write transaction on the writer thread, or on a pooled read-only connection.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
interface SqlWork<T> {

    T apply(Connection connection) throws SQLException, StoreException;
}
