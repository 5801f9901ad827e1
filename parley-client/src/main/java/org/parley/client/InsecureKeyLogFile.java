package org.parley.client;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.handshake.InsecureSecretLog;

/**
 * A key log file ({@code --keylog FILE} of {@code parley chat}, the desktop's {@code PARLEY_KEYLOG} and
 * {@code parley lab run}), in the spirit of NSS's {@code SSLKEYLOGFILE}: the secrets of the client's
 * own connections (and, in the lab, of both sides of the machine in the middle). Off by default; the
 * server never writes one.
 *
 * <p>Format: UTF-8 text, lines starting with {@code #} are comments; every other line is
 * {@code PARLEY_<LABEL> <client_random> <secret>}, where {@code LABEL} is a label of PROTOCOL.md 9.7
 * in capitals with spaces as underscores ({@code PARLEY_C_HS_TRAFFIC}), {@code client_random} is
 * the 32-byte ClientHello random in lowercase hex (it names the connection) and {@code secret} is
 * the value in lowercase hex.
 *
 * <p><b>Insecure on purpose.</b> Anyone who reads this file can decrypt and forge the logged
 * sessions. The file is created owner-only (0600); an existing file that others can read is
 * refused; lines are appended.
 */
public final class InsecureKeyLogFile implements AutoCloseable {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Writer out;

    private InsecureKeyLogFile(Writer out) {
        this.out = out;
    }

    /** Opens (creating it 0600) or appends to {@code file}; refuses a file group or others can access. */
    public static InsecureKeyLogFile open(Path file) throws IOException {
        if (Files.exists(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IOException("key log " + file + " can be read by others (" + PosixFilePermissions.toString(permissions)
                        + "); use a new file or chmod 600 it");
            }
        } else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        out.write("# Parley key log (docs/LAB.md, PROTOCOL.md 9.7). Anyone with this file can read and forge these sessions.\n");
        out.flush();
        return new InsecureKeyLogFile(out);
    }

    /** Offset of the ClientHello's random in its frame: frame header (3) + handshake header (4) + magic (4) + version (2). */
    public static final int CLIENT_HELLO_RANDOM = 13;

    /** A log for one connection; its lines are written once its client random is known. */
    public Connection connection() {
        return new Connection();
    }

    private synchronized void write(List<String> lines) {
        try {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the key log", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** The secrets of one connection, held back until {@link #clientRandom} names the connection. */
    public final class Connection implements InsecureSecretLog {
        private final List<String[]> pending = new ArrayList<>();
        private Optional<String> random = Optional.empty();

        @Override
        public synchronized void log(String label, SecretBytes secret) {
            byte[] value = secret.revealCopy();
            String hex = HexFormat.of().formatHex(value);
            java.util.Arrays.fill(value, (byte) 0);
            pending.add(new String[] {"PARLEY_" + label.toUpperCase(Locale.ROOT).replace(' ', '_'), hex});
            flush();
        }

        /** The ClientHello random of this connection (32 bytes). */
        public synchronized void clientRandom(Bytes clientRandom) {
            if (random.isEmpty()) {
                random = Optional.of(clientRandom.toHex());
                flush();
            }
        }

        /** Names this connection from its plaintext ClientHello frame; a frame too short to hold a random is ignored. */
        public void clientHelloFrame(Bytes frame) {
            if (frame.length() >= CLIENT_HELLO_RANDOM + 32) {
                clientRandom(frame.slice(CLIENT_HELLO_RANDOM, CLIENT_HELLO_RANDOM + 32));
            }
        }

        private void flush() {
            if (random.isPresent() && !pending.isEmpty()) {
                write(pending.stream().map(p -> p[0] + " " + random.get() + " " + p[1]).toList());
                pending.clear();
            }
        }
    }
}
