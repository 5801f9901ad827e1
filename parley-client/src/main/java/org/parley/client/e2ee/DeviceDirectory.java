package org.parley.client.e2ee;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.parley.protocol.identity.Fingerprint;

/**
 * The owner-only directory of one end-to-end device: {@code <base>/e2ee/<server>/<user>/}
 * (docs/E2EE.md, "The client"). It refuses to open when the directory or any file in it is
 * accessible to group or others, like the login-key file. Whole files are replaced atomically
 * (temporary file, fsync, rename, fsync of the directory); history files are appended and fsynced.
 */
public final class DeviceDirectory {
    /** The largest file read back (a session is a few kilobytes; a history grows by appends). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path root;
    private final boolean posix;

    private DeviceDirectory(Path root, boolean posix) {
        this.root = root;
        this.posix = posix;
    }

    /**
     * Where the device of {@code user} on {@code server} (the {@code host:port} it was reached
     * at) lived before issue 8's fix: one device per address, so the same server reached through
     * another address or port made a new device each time. Still used when it exists.
     */
    public static Path location(Path base, String server, String user) {
        return base.resolve("e2ee").resolve(FileNames.safe(server)).resolve(FileNames.safe(user));
    }

    /**
     * Where the device of {@code user} lives on the server whose pinned key has
     * {@code serverKey}: {@code e2ee/key-<fingerprint hex>/<user>}, whatever address or port the
     * server was reached at; an existing directory of the older per-address layout
     * ({@link #location(Path, String, String)}) is kept.
     */
    public static Path location(Path base, String server, Fingerprint serverKey, String user) {
        Path legacy = location(base, server, user);
        if (Files.isDirectory(legacy, LinkOption.NOFOLLOW_LINKS)) {
            return legacy;
        }
        return base.resolve("e2ee").resolve("key-" + serverKey.sha256().toHex()).resolve(FileNames.safe(user));
    }

    /** Opens (creating it owner-only if absent) and checks the directory. */
    public static DeviceDirectory open(Path root) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        DeviceDirectory directory = new DeviceDirectory(root.toAbsolutePath(), posix);
        directory.createDirectories(directory.root);
        directory.checkOwnerOnly();
        return directory;
    }

    public Path root() {
        return root;
    }

    /** The content of {@code name} (a path relative to the root), if the file exists; at most {@link #MAX_FILE_BYTES}. */
    public Optional<byte[]> read(String name) throws IOException {
        return read(name, MAX_FILE_BYTES);
    }

    /**
     * The content of {@code name} (a path relative to the root), if the file exists. No more
     * than {@code maxBytes} + 1 bytes are ever read: a longer file fails with
     * {@link FileTooLargeException}, whatever its size when it was opened.
     */
    public Optional<byte[]> read(String name, long maxBytes) throws IOException {
        if (maxBytes < 0 || maxBytes > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " is not within 0.." + MAX_FILE_BYTES);
        }
        Path file = root.resolve(name);
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes((int) maxBytes + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (content.length > maxBytes) {
            throw new FileTooLargeException(name, maxBytes);
        }
        return Optional.of(content);
    }

    /** The lines of a text file, empty if absent. */
    public List<String> lines(String name) throws IOException {
        Optional<byte[]> content = read(name);
        if (content.isEmpty()) {
            return List.of();
        }
        return new String(content.get(), StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * Gives each complete line of a file written by {@link #appendLine} (none if it is absent) to
     * {@code action}, in order, streaming: the file has no size bound, a line has
     * {@link AppendedLines#MAX_LINE_BYTES} (a longer one is skipped). A last line without its
     * newline was cut short by a crash during an append and is not given, since a cut line can
     * still look whole (base64 text cut at a 4-character boundary).
     */
    public void forEachAppendedLine(String name, Consumer<String> action) throws IOException {
        AppendedLines.forEach(root.resolve(name), AppendedLines.MAX_LINE_BYTES, action);
    }

    /** Replaces {@code name} atomically with {@code content}, durably. */
    public void write(String name, byte[] content) throws IOException {
        Path file = root.resolve(name);
        Path parent = file.getParent();
        createDirectories(parent);
        Path temporary = posix
                ? Files.createTempFile(parent, ".tmp-", ".part", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(parent, ".tmp-", ".part");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(parent);
    }

    /** Appends one line to {@code name} and fsyncs it before returning. */
    public void appendLine(String name, String line) throws IOException {
        try (FileChannel channel = openForAppend(root.resolve(name))) {
            AppendedLines.dropTornTail(channel);
            writeFully(channel, channel.size(), (line + "\n").getBytes(StandardCharsets.UTF_8));
            channel.force(true);
        }
    }

    /**
     * Writes {@code content} at {@code at}, cutting off whatever followed it (a record a crash
     * cut short, or records the caller no longer counts), creating the file owner-only if it is
     * absent, and fsyncs it before returning. {@code at} is at most the file's size.
     */
    public void appendAt(String name, long at, byte[] content) throws IOException {
        try (FileChannel channel = openForAppend(root.resolve(name))) {
            if (at > channel.size()) {
                throw new IOException(name + " is shorter (" + channel.size() + " bytes) than where to append (" + at + ")");
            }
            channel.truncate(at);
            writeFully(channel, at, content);
            channel.force(true);
        }
    }

    /** {@code name} opened for reading as a stream, if it exists: for a file with no bound on its size, read a record at a time. */
    public Optional<InputStream> openStream(String name) throws IOException {
        try {
            return Optional.of(Files.newInputStream(root.resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private FileChannel openForAppend(Path file) throws IOException {
        createDirectories(file.getParent());
        if (Files.notExists(file)) {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } else {
                Files.createFile(file);
            }
            syncDirectory(file.getParent());
        }
        return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static void writeFully(FileChannel channel, long at, byte[] content) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            channel.write(buffer, at + buffer.position());
        }
    }

    public void delete(String name) throws IOException {
        Files.deleteIfExists(root.resolve(name));
    }

    /** Deletes {@code name} and fsyncs its directory, so that the file does not come back after a crash. */
    public void deleteDurably(String name) throws IOException {
        Path file = root.resolve(name);
        if (Files.deleteIfExists(file)) {
            syncDirectory(file.getParent());
        }
    }

    /** Renames {@code from} to {@code to} (both relative to the root, in one directory) atomically, durably. */
    public void move(String from, String to) throws IOException {
        Path target = root.resolve(to);
        Files.move(root.resolve(from), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    /** Deletes every file in the sub-directory {@code name} (not recursive). */
    public void deleteAll(String name) throws IOException {
        Path directory = root.resolve(name);
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
        } else {
            Files.createDirectories(directory);
        }
    }

    private void checkOwnerOnly() throws IOException {
        if (!posix) {
            return;
        }
        List<Path> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root, 3)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                if (permissions.stream().anyMatch(OPEN_TO_OTHERS::contains)) {
                    open.add(path);
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IOException("the end-to-end device directory is accessible to others (" + open.getFirst()
                    + "); run: chmod -R go-rwx " + root);
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }
}
