package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.LoginKeyFile;
import org.parley.protocol.suite.SignatureComponent;

class KeygenCommandTest {

    @TempDir
    Path temp;

    @Test
    void keygenWritesAnOwnerOnlyFileThatReadsBackToTheSameKey() throws IOException {
        Path file = temp.resolve("id");
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("keygen", "--out", file.toString());

        assertThat(status).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        LoginKeyFile.LoginKey key = LoginKeyFile.read(file);
        assertThat(key.algorithm()).isEqualTo(SignatureComponent.ED25519);
        assertThat(cli.out.toString()).contains("fingerprint SHA256:")
                .contains(java.util.Base64.getEncoder().encodeToString(key.key().publicKey().toByteArray()));
    }

    @Test
    void keygenRefusesToOverwriteAKey() throws IOException {
        Path file = temp.resolve("id");
        LoginKeyFile.create(file, SignatureComponent.ED25519, new SecureRandom());
        String before = Files.readString(file);

        assertThatThrownBy(() -> LoginKeyFile.refuseExisting(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(new TestCli(Map.of()).run("keygen", "--out", file.toString())).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo(before);
    }
}
