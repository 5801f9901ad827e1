package org.parley.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Creates the data directory owner-only (0700): it holds the server keys, the fake-salt secret
 * and the database with password verifiers. {@link #lock} makes sure one server at a time uses it.
 */
final class DataDirectory {
    /** The lock file a running server holds an exclusive lock on; empty, and kept after the server stops. */
    static final String LOCK_FILE = "parley.lock";
    /** The database file's name in the directory. */
    static final String DATABASE = "parley.db";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    static void prepare(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (Files.exists(directory)) {
            // Else createDirectories fails with a FileAlreadyExistsException whose message is the bare path.
            throw new IOException(directory + ": already exists and is not a directory");
        }
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /**
     * Refuses a database file ({@code parley.db} and its {@code -wal} and {@code -shm}) that group or
     * others can access, with the chmod to run, as the key files are refused: it holds SCRAM
     * verifiers, invite codes and plain-room history. The server creates it 0600; a copy restored
     * with {@code cp} or {@code sqlite3 .backup} gets the umask's permissions instead.
     */
    static void requireOwnerOnlyDatabase(Path directory) throws IOException {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        for (String name : List.of(DATABASE, DATABASE + "-wal", DATABASE + "-shm")) {
            Path file = directory.resolve(name);
            if (Files.exists(file)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(permissions)) {
                    throw new IOException(file + " is accessible by group or others ("
                            + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
                }
            }
        }
    }

    /**
     * Takes the directory's exclusive lock ({@code parley.lock}, an OS file lock, so it is released
     * when the process ends however it ends) for as long as the returned lock stays open.
     *
     * @throws DataDirectoryInUseException if another server, in this process or another, holds it
     */
    static Lock lock(Path directory) throws IOException {
        Path file = directory.resolve(LOCK_FILE);
        FileChannel channel = directory.getFileSystem().supportedFileAttributeViews().contains("posix") && !Files.exists(file)
                ? FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DataDirectoryInUseException(directory);
            }
            return new Lock(channel);
        } catch (OverlappingFileLockException e) {
            // Held by another server of this same process (the JVM's own bookkeeping says so).
            channel.close();
            throw new DataDirectoryInUseException(directory);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A held data-directory lock; closing it releases the lock. */
    record Lock(FileChannel channel) implements AutoCloseable {
        @Override
        public void close() {
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                // Nothing to do: the lock goes with the process at the latest.
            }
        }
    }
}
