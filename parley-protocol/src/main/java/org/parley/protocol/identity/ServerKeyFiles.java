package org.parley.protocol.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Stores the server's long-term keys, one file per algorithm ({@code server-key-ed25519} ...), in
 * a directory. This class does file I/O; the protocol state machines never call it.
 *
 * <pre>
 *   parley-server-key 1
 *   algorithm ED25519
 *   public &lt;base64 of the public key&gt;
 *   private &lt;base64 of the encoded private key&gt;
 * </pre>
 *
 * <p><b>Security.</b> Files are created with owner-only permissions (0600) in one step, so they are
 * never readable by others even briefly; loading refuses a file that group or others can read, as
 * OpenSSH does, and a file whose public key does not match its private key. On file systems without
 * POSIX permissions the directory's own access control applies.
 */
public final class ServerKeyFiles {
    private static final String HEADER = "parley-server-key 1";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int MAX_FILE_SIZE = 64 * 1024;

    private final Path directory;

    public ServerKeyFiles(Path directory) {
        this.directory = directory;
    }

    /** The file holding the key for {@code algorithm}. */
    public Path fileFor(SignatureComponent algorithm) {
        return directory.resolve("server-key-" + algorithm.label().toLowerCase(Locale.ROOT));
    }

    /**
     * Loads every key in {@code algorithms}, generating and storing the ones that do not exist yet.
     *
     * @return the credentials, and which of them were created now (to print their fingerprints)
     */
    public Loaded loadOrCreate(List<SignatureComponent> algorithms, SecureRandom random) throws IOException {
        Files.createDirectories(directory);
        Map<SignatureComponent, SigningKey> keys = new EnumMap<>(SignatureComponent.class);
        List<SignatureComponent> created = new java.util.ArrayList<>();
        for (SignatureComponent algorithm : algorithms) {
            Path file = fileFor(algorithm);
            if (Files.exists(file)) {
                keys.put(algorithm, load(algorithm));
            } else {
                SigningKey key = algorithm.algorithm().create().generate(random);
                write(algorithm, key);
                keys.put(algorithm, key);
                created.add(algorithm);
            }
        }
        return new Loaded(new ServerCredentials(keys), List.copyOf(created));
    }

    /** Reads and checks one key file. */
    public SigningKey load(SignatureComponent algorithm) throws IOException {
        Path file = fileFor(algorithm);
        checkNotReadableByOthers(file);
        if (Files.size(file) > MAX_FILE_SIZE) {
            throw new KeyFileException(file + " is larger than " + MAX_FILE_SIZE + " bytes");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.size() != 4 || !lines.get(0).equals(HEADER) || !lines.get(1).equals("algorithm " + algorithm.label())
                || !lines.get(2).startsWith("public ") || !lines.get(3).startsWith("private ")) {
            throw new KeyFileException(file + " is not a Parley " + algorithm.label() + " server key file");
        }
        byte[] privateBytes = null;
        try {
            Bytes publicKey = Bytes.wrapOwned(Base64.getDecoder().decode(lines.get(2).substring("public ".length())));
            privateBytes = Base64.getDecoder().decode(lines.get(3).substring("private ".length()));
            SigningKey key = algorithm.algorithm().create().restore(SecretBytes.copyOf(privateBytes));
            if (!key.publicKey().equals(publicKey)) {
                throw new KeyFileException(file + ": public key does not match the private key");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + " has invalid base64", e);
        } catch (InvalidKeyMaterialException e) {
            throw new KeyFileException(file + " holds a malformed private key", e);
        } finally {
            if (privateBytes != null) {
                Arrays.fill(privateBytes, (byte) 0);
            }
        }
    }

    private void write(SignatureComponent algorithm, SigningKey key) throws IOException {
        Path file = fileFor(algorithm);
        byte[] privateBytes = key.encodedPrivateKey().revealCopy();
        String text = HEADER + "\nalgorithm " + algorithm.label()
                + "\npublic " + Base64.getEncoder().encodeToString(key.publicKey().toByteArray())
                + "\nprivate " + Base64.getEncoder().encodeToString(privateBytes) + "\n";
        Arrays.fill(privateBytes, (byte) 0);
        try {
            if (supportsPosix()) {
                FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
                Files.createFile(file, ownerOnly);
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + " appeared while creating it; refusing to overwrite", e);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private void checkNotReadableByOthers(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new KeyFileException(file + " is not a regular file");
        }
        if (supportsPosix()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new KeyFileException(file + " is accessible by group or others ("
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
        }
    }

    private boolean supportsPosix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Loaded credentials and the algorithms whose keys were generated by this call. */
    public record Loaded(ServerCredentials credentials, List<SignatureComponent> created) {
    }
}
