package org.parley.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.PinStore;

/**
 * The pinned server keys, one {@code host:port SHA256:<64 hex digits>} line per server, in a file
 * ({@code ~/.parley/known_servers} by default), SSH known_hosts style.
 *
 * <p>Blank lines and lines starting with {@code #} are kept as they are; any other line must be a
 * well-formed entry and a server may appear once, else reading fails with
 * {@link KnownServersFileException} naming the line (a corrupted trust file must not silently
 * drop a pin). The file is read on every lookup, so a pin removed by hand takes effect at once.
 *
 * <p><b>Security.</b> The file decides whom the client trusts, so it is written atomically (a
 * temporary file in the same directory, then a rename: a crash never leaves half a file) and is
 * readable and writable by its owner only (0600, its directory 0700 when created), on file
 * systems with POSIX permissions. Two processes pinning at the same moment: the last rename wins
 * and the other pin is asked for again at the next first contact, which is safe.
 */
public final class KnownServersFile implements PinStore {
    private static final String FILE_PERMISSIONS = "rw-------";
    private static final String DIRECTORY_PERMISSIONS = "rwx------";

    private final Path file;

    public KnownServersFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** {@code ~/.parley/known_servers}. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".parley", "known_servers");
    }

    public Path file() {
        return file;
    }

    /**
     * The key pinned for {@code server}. Host names match whatever their case (an exact spelling
     * first, for a file an older version wrote with two spellings of one server).
     */
    @Override
    public synchronized Optional<Fingerprint> pinned(String server) {
        return find(server).map(KnownServer::fingerprint);
    }

    @Override
    public synchronized void pin(String server, Fingerprint fingerprint) {
        KnownServerEntry replacement = new KnownServerEntry(KnownServerEntry.asciiLowerCase(server), fingerprint);
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        for (KnownServerLine line : read()) {
            if (line.entry().isPresent() && line.entry().get().pins(server)) {
                if (!replaced) {
                    out.add(replacement.format());
                }
                replaced = true;
            } else {
                out.add(line.text());
            }
        }
        if (!replaced) {
            out.add(replacement.format());
        }
        write(out);
    }

    /** Every pin, in file order, with its line number. */
    public synchronized List<KnownServer> list() {
        List<KnownServerLine> lines = read();
        List<KnownServer> pins = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            lines.get(i).entry().ifPresent(entry -> pins.add(new KnownServer(entry.server(), entry.fingerprint(), number)));
        }
        return pins;
    }

    /** The pin of {@code server} with its line number, if there is one; host names match whatever their case. */
    public synchronized Optional<KnownServer> find(String server) {
        List<KnownServer> pins = list();
        return pins.stream().filter(pin -> pin.server().equals(server)).findFirst()
                .or(() -> pins.stream().filter(pin -> new KnownServerEntry(pin.server(), pin.fingerprint()).pins(server)).findFirst());
    }

    /**
     * Removes the pin for {@code server}, the deliberate step after an operator confirmed a key
     * change; host names match whatever their case (every spelling is removed). Returns whether there was one.
     */
    public synchronized boolean remove(String server) {
        List<String> out = new ArrayList<>();
        boolean removed = false;
        for (KnownServerLine line : read()) {
            if (line.entry().isPresent() && line.entry().get().pins(server)) {
                removed = true;
            } else {
                out.add(line.text());
            }
        }
        if (removed) {
            write(out);
        }
        return removed;
    }

    private List<KnownServerLine> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new KnownServersFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<KnownServerLine> parsed = new ArrayList<>(lines.size());
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            KnownServerLine line = KnownServerLine.parse(file, i + 1, lines.get(i));
            if (line.entry().isPresent()) {
                String server = line.entry().get().server();
                if (seen.contains(server)) {
                    throw new KnownServersFileException(file + ":" + (i + 1) + ": " + server + " is listed twice");
                }
                seen.add(server);
            }
            parsed.add(line);
        }
        return parsed;
    }

    private void write(List<String> lines) {
        Path directory = file.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, attributes(posix, DIRECTORY_PERMISSIONS));
            }
            Path temporary = Files.createTempFile(directory, ".known_servers", ".tmp", attributes(posix, FILE_PERMISSIONS));
            try {
                Files.write(temporary, lines, StandardCharsets.UTF_8);
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new KnownServersFileException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; a plain replace is the best left.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<?>[] attributes(boolean posix, String permissions) {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
