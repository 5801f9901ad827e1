package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.suite.SignatureComponent;

class LoginKeyFileTest {

    @TempDir
    Path temp;

    @Test
    void aCreatedKeyIsOwnerOnlyAndReadsBackToTheSameKey() throws IOException {
        Path file = temp.resolve("id");

        LoginKeyFile.LoginKey created = LoginKeyFile.create(file, SignatureComponent.ED25519, new SecureRandom());
        LoginKeyFile.LoginKey read = LoginKeyFile.read(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(read.algorithm()).isEqualTo(SignatureComponent.ED25519);
        assertThat(read.key().publicKey()).isEqualTo(created.key().publicKey());
    }

    @Test
    void creatingOverAnExistingFileIsRefused() throws IOException {
        Path file = temp.resolve("id");
        LoginKeyFile.create(file, SignatureComponent.ED25519, new SecureRandom());
        String before = Files.readString(file);

        assertThatThrownBy(() -> LoginKeyFile.refuseExisting(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> LoginKeyFile.create(file, SignatureComponent.ED25519, new SecureRandom()))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aKeyFileReadableByOthersIsRefused() throws IOException {
        Path file = temp.resolve("id");
        LoginKeyFile.create(file, SignatureComponent.ED25519, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> LoginKeyFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void aPublicKeyThatDoesNotMatchThePrivateKeyIsRefused() throws IOException {
        Path file = temp.resolve("id");
        LoginKeyFile.create(file, SignatureComponent.ED25519, new SecureRandom());
        Path other = temp.resolve("other");
        LoginKeyFile.create(other, SignatureComponent.ED25519, new SecureRandom());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, Files.readAllLines(other).get(2));
        Files.write(file, lines, StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> LoginKeyFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("does not match");
    }

    @Test
    void aFileThatIsNotALoginKeyIsRefusedWithAClearMessage() throws IOException {
        Path file = owned("not-a-key", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n");

        assertThatThrownBy(() -> LoginKeyFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a Parley login key file");
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedAsMalformed() throws IOException {
        String shortKey = Base64.getEncoder().encodeToString(new byte[7]);
        Path file = owned("short", "parley-login-key 1\nalgorithm ED25519\npublic " + shortKey + "\nprivate " + shortKey + "\n");

        assertThatThrownBy(() -> LoginKeyFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("malformed");
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead() throws IOException {
        Path file = owned("huge", "x".repeat(64 * 1024 + 1));

        assertThatThrownBy(() -> LoginKeyFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("too large");
    }

    @Test
    void aDirectoryIsNotAKeyFile() {
        assertThatThrownBy(() -> LoginKeyFile.read(temp)).isInstanceOf(IOException.class).hasMessageContaining("not a regular file");
    }

    private Path owned(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
