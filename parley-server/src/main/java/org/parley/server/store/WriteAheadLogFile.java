package org.parley.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The database's write-ahead log file ({@code parley.db-wal}) as {@link SqliteDatabase#syncLog}
 * fsyncs it: opened by the first fsync and kept open until the database closes. Opening and closing
 * it for every fsync was about 7 % of the writer's CPU per lone commit in the profile (issue 13).
 *
 * <p>The file stays the same one for as long as this process has the database open: SQLite removes
 * the log only when the last connection closes, the writer connection stays open until
 * {@link SqliteDatabase#close}, which closes this first, and a checkpoint that empties the log
 * truncates it in place ({@code LogChannelTest}). The log holds no SQLite lock (WAL locks live in
 * the {@code -shm} file and the database file), so this descriptor does not disturb SQLite's POSIX
 * locks.
 */
final class WriteAheadLogFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;

    WriteAheadLogFile(Path path) {
        this.path = path;
    }

    /** Fsyncs the log's data ({@code fdatasync}); the writer thread and the log-sync thread call it, never at once. */
    synchronized void sync() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.WRITE);
        }
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
