package org.parley.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
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
 *
 * <p>A hot, fixed query can be prepared once per connection and kept ({@link #readPrepared}): for
 * a small query SQLite spends most of the time preparing it (the key login's look-up, a two-branch
 * UNION, took about 25 µs to prepare and 4 µs to run; issue 13). Callers pass constant SQL text
 * only, so each connection keeps at most one statement per such call site.
 */
final class ReaderPool implements AutoCloseable {

    private final String url;
    private final Properties properties;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Reader> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ReaderPool(String url, Properties properties, int size) {
        this.url = url;
        this.properties = properties;
        this.permits = new Semaphore(size, true);
    }

    <T> T read(String operation, SqlWork<T> work) throws StoreException {
        return withReader(operation, reader -> work.apply(reader.connection));
    }

    /**
     * Runs {@code work} on this connection's prepared statement for {@code sql} (constant text),
     * prepared on first use and kept with the connection. A statement whose work failed is closed
     * and prepared afresh next time.
     */
    <T> T readPrepared(String operation, String sql, StatementWork<T> work) throws StoreException {
        return withReader(operation, reader -> {
            PreparedStatement statement = reader.statements.get(sql);
            if (statement == null) {
                statement = reader.connection.prepareStatement(sql);
                reader.statements.put(sql, statement);
            }
            boolean ok = false;
            try {
                statement.clearParameters();
                T result = work.apply(statement);
                ok = true;
                return result;
            } finally {
                if (!ok) {
                    reader.statements.remove(sql);
                    statement.close();
                }
            }
        });
    }

    private <T> T withReader(String operation, ReaderWork<T> work) throws StoreException {
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
            Reader reader = borrow();
            try {
                return work.apply(reader);
            } finally {
                giveBack(reader);
            }
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate(e, operation);
        } finally {
            permits.release();
        }
    }

    private Reader borrow() throws SQLException {
        Reader reader = idle.pollFirst();
        return reader != null ? reader : new Reader(DriverManager.getConnection(url, properties));
    }

    private void giveBack(Reader reader) throws SQLException {
        idle.offerFirst(reader);
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
        for (Reader reader = idle.pollFirst(); reader != null; reader = idle.pollFirst()) {
            try {
                reader.close();
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

    /** A pooled connection and the statements it keeps prepared; used by one thread at a time. */
    private static final class Reader {
        final Connection connection;
        final Map<String, PreparedStatement> statements = new HashMap<>();

        Reader(Connection connection) {
            this.connection = connection;
        }

        void close() throws SQLException {
            try {
                for (PreparedStatement statement : statements.values()) {
                    statement.close();
                }
                statements.clear();
            } finally {
                connection.close();
            }
        }
    }

    @FunctionalInterface
    private interface ReaderWork<T> {
        T apply(Reader reader) throws SQLException, StoreException;
    }
}
