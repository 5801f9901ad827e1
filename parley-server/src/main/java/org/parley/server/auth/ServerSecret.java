package org.parley.server.auth;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import org.parley.crypto.SecretBytes;

/**
 * The server's long-lived 32-byte secret from which SCRAM derives fake salts for unknown users,
 * kept in {@code <dataDir>/scram-secret}.
 *
 * <p><b>Security.</b> It must survive restarts: a new secret would change every unknown name's
 * fake salt and so tell an observer which names do not exist. The file is created owner-only
 * (0600) in one step and refused if group or others can access it.
 */
public final class ServerSecret {
    public static final String FILE_NAME = "scram-secret";
    private static final int LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ServerSecret() {
    }

    /** Reads the secret, creating it with {@code random} on first start. */
    public static SecretBytes loadOrCreate(Path dataDirectory, SecureRandom random) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        boolean posix = dataDirectory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(file)) {
            byte[] secret = new byte[LENGTH];
            random.nextBytes(secret);
            try {
                if (posix) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createFile(file);
                }
                Files.write(file, secret);
                return SecretBytes.wrapOwned(secret);
            } catch (FileAlreadyExistsException e) {
                Arrays.fill(secret, (byte) 0);
                // Another process created it first: read theirs below.
            }
        }
        if (posix && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            throw new IOException(file + " is accessible by group or others; run: chmod 600 " + file);
        }
        byte[] secret = Files.readAllBytes(file);
        if (secret.length != LENGTH) {
            Arrays.fill(secret, (byte) 0);
            throw new IOException(file + " must hold exactly " + LENGTH + " bytes");
        }
        return SecretBytes.wrapOwned(secret);
    }
}
