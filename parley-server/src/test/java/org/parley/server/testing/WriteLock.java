package org.parley.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite's one write lock, held by a second connection until closed: a stalled disk for the server's
 * writer (its busy timeout is 10 s), so nothing commits and nothing leaves the server's queues until
 * the test lets it.
 */
public record WriteLock(Connection connection) implements AutoCloseable {

    public static WriteLock take(Path database) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
            statement.execute("BEGIN IMMEDIATE");
        }
        return new WriteLock(connection);
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } finally {
            connection.close();
        }
    }
}
