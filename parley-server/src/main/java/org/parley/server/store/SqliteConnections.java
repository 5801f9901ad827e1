package org.parley.server.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * How {@link SqliteDatabase} opens its file: the owner-only new file, the writer connection with
 * its durability settings and schema, the readers' settings, and reading a setting back. Nothing
 * here runs per write; the open connections are {@link SqliteDatabase}'s.
 */
final class SqliteConnections {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteConnections() {
    }

    /**
     * Creates a missing database file readable by its owner only: it holds SCRAM verifiers. SQLite
     * gives its {@code -wal} and {@code -shm} files the main file's permissions. An empty file is
     * a valid empty database.
     */
    static void createOwnerOnly(Path file) throws StoreException {
        if (Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // Created concurrently by another process: SQLite opens it as it is.
            return;
        } catch (IOException e) {
            throw new StoreException("cannot create the database file " + file, e);
        }
    }

    /**
     * The writer connection: {@code synchronous=FULL}, foreign keys, {@code busy_timeout}; then the
     * page size (a new file only), WAL mode (refused mode is a {@link StoreException}), the writer's
     * own checkpoint backstop, the schema migrations and, after an unclean end, the unsynced message
     * ids skipped. Closed again if any of that fails. On the writer thread only.
     */
    static Connection openWriter(String url, boolean uncleanEnd) throws SQLException, StoreException {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection = DriverManager.getConnection(url, config.toProperties());
        try {
            PreparedTransactions.leaveTransactionsToTheStore(connection);
            try (Statement statement = connection.createStatement()) {
                // Before WAL mode, which writes the header of a new file: only a new database takes it.
                statement.execute("PRAGMA page_size=" + SqliteDatabase.PAGE_SIZE);
                statement.execute("PRAGMA journal_mode=WAL");
            }
            if (!"wal".equalsIgnoreCase(pragma(connection, SqliteDatabase.Pragma.JOURNAL_MODE))) {
                throw new StoreException("the database refused write-ahead logging (journal_mode=WAL)");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_autocheckpoint="
                        + SqliteDatabase.WAL_BACKSTOP_BYTES / Integer.parseInt(pragma(connection, SqliteDatabase.Pragma.PAGE_SIZE)));
            }
            SchemaMigrations.migrate(connection);
            if (uncleanEnd) {
                UncleanEnd.skipUnsyncedMessageIds(connection);
            }
            return connection;
        } catch (SQLException | StoreException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** A pooled reader's settings: read-only, with the writer's {@code busy_timeout}. */
    static Properties readerProperties() {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config.toProperties();
    }

    /** {@code connection}'s value of {@code pragma}, or "" when it has none. */
    static String pragma(Connection connection, SqliteDatabase.Pragma pragma) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(pragma.query())) {
            return rows.next() ? rows.getString(1) : "";
        }
    }
}
