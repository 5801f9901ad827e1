package org.parley.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the data directory owner-only (0700): it holds the server keys, the fake-salt secret
 * and the database with password verifiers. {@link #lock} makes sure one server at a time uses it.
 */
final class DataDirectory {
    /** The lock file a running server holds an exclusive lock on; empty, and kept after the server stops. */
    static final String LOCK_FILE = "parley.lock";

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
     * Takes the directory's exclusive lock ({@code parley.lock}, an OS file lock, so it is released
     * when the process ends however it ends) for as long as the returned lock stays open.
     *
     * @throws DataDirectoryInUseException if another server, in this process or another, holds it
     */
    static Lock lock(Path directory) throws IOException {
        Path file = directory.resolve(LOCK_FILE);
        FileChannel channel = directory.getFileSystem().supportedFileAttributeViews().contains("posix") && !Files.exists(file)
                ? FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
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
