package org.parley.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A user's login key in a small text file, made by {@code parley keygen} and read by
 * {@code parley chat --key FILE} and the desktop client's key login.
 *
 * <pre>
 *   parley-login-key 1
 *   algorithm ED25519
 *   public &lt;base64 of the public key&gt;
 *   private &lt;base64 of the encoded private key&gt;
 * </pre>
 *
 * <p><b>Security.</b> The file is created owner-only (0600) in one step and never overwritten;
 * reading refuses a file that group or others can access, as OpenSSH does with identity files, and a
 * file whose public key does not match its private key.
 */
public final class LoginKeyFile {
    private static final String HEADER = "parley-login-key 1";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final long MAX_FILE_SIZE = 64 * 1024;

    private LoginKeyFile() {
    }

    /** A key read from a file, with its algorithm. */
    public record LoginKey(SignatureComponent algorithm, SigningKey key) {
    }

    /** Generates a key of {@code algorithm} and writes it to a new owner-only {@code file}. */
    public static LoginKey create(Path file, SignatureComponent algorithm, SecureRandom random) throws IOException {
        SigningKey key = algorithm.algorithm().create().generate(random);
        byte[] privateBytes = key.encodedPrivateKey().revealCopy();
        String text = HEADER + "\nalgorithm " + algorithm.label()
                + "\npublic " + Base64.getEncoder().encodeToString(key.publicKey().toByteArray())
                + "\nprivate " + Base64.getEncoder().encodeToString(privateBytes) + "\n";
        Arrays.fill(privateBytes, (byte) 0);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (posix(parent)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        return new LoginKey(algorithm, key);
    }

    /** Reads and checks a login key file. */
    public static LoginKey read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        if (posix(file.toAbsolutePath().getParent())) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IOException(file + " is accessible by group or others; run: chmod 600 " + file);
            }
        }
        if (Files.size(file) > MAX_FILE_SIZE) {
            throw new IOException(file + " is too large to be a login key file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.size() != 4 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("algorithm ")
                || !lines.get(2).startsWith("public ") || !lines.get(3).startsWith("private ")) {
            throw new IOException(file + " is not a Parley login key file");
        }
        SignatureComponent algorithm = SignatureComponent.fromLabel(lines.get(1).substring("algorithm ".length()))
                .orElseThrow(() -> new IOException(file + " names an unknown algorithm"));
        byte[] privateBytes = null;
        try {
            Bytes publicKey = Bytes.wrapOwned(Base64.getDecoder().decode(lines.get(2).substring("public ".length())));
            privateBytes = Base64.getDecoder().decode(lines.get(3).substring("private ".length()));
            SigningKey key = algorithm.algorithm().create().restore(SecretBytes.copyOf(privateBytes));
            if (!key.publicKey().equals(publicKey)) {
                throw new IOException(file + ": public key does not match the private key");
            }
            return new LoginKey(algorithm, key);
        } catch (IllegalArgumentException | InvalidKeyMaterialException e) {
            throw new IOException(file + " holds a malformed key", e);
        } finally {
            if (privateBytes != null) {
                Arrays.fill(privateBytes, (byte) 0);
            }
        }
    }

    /** Whether {@code file} exists, for a clear refusal before generating anything. */
    public static void refuseExisting(Path file) throws FileAlreadyExistsException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file + " exists; refusing to overwrite a key");
        }
    }

    private static boolean posix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
