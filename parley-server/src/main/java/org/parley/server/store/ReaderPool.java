package org.parley.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * A bounded pool of read-only SQLite connections, opened on demand. At most {@code size} reads run
 * at once; a caller beyond that waits for a connection to come back.
 *
 * <p>In WAL mode readers never block the writer nor each other, and each read statement sees the
 * last transaction committed before it started, so a read issued after a write returned sees that
 * write.
 */
final class ReaderPool implements AutoCloseable {

    private final String url;
    private final Properties properties;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ReaderPool(String url, Properties properties, int size) {
        this.url = url;
        this.properties = properties;
        this.permits = new Semaphore(size, true);
    }

    <T> T read(String operation, SqlWork<T> work) throws StoreException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(operation + ": interrupted while waiting for a database connection", e);
        }
        try {
            if (closed) {
                throw new StoreException(operation + ": the store is closed");
            }
            Connection connection = borrow();
            try {
                return work.apply(connection);
            } finally {
                giveBack(connection);
            }
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate(e, operation);
        } finally {
            permits.release();
        }
    }

    private Connection borrow() throws SQLException {
        Connection connection = idle.pollFirst();
        return connection != null ? connection : DriverManager.getConnection(url, properties);
    }

    private void giveBack(Connection connection) throws SQLException {
        idle.offerFirst(connection);
        if (closed) {
            // close() may have drained the deque before this connection came back.
            closeIdle();
        }
    }

    /** Closes idle connections now; a connection still in use is closed when it comes back. */
    @Override
    public void close() throws SQLException {
        closed = true;
        closeIdle();
    }

    private void closeIdle() throws SQLException {
        SQLException first = null;
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            try {
                connection.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
