package org.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.SecretBytes;

class ServerSecretTest {
    @TempDir
    Path data;

    @Test
    void theSecretIsCreatedOwnerOnlyAndTheSameAfterARestart() throws IOException {
        SecretBytes first = ServerSecret.loadOrCreate(data, new SecureRandom());
        SecretBytes again = ServerSecret.loadOrCreate(data, new SecureRandom());

        Path file = data.resolve(ServerSecret.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aSecretOthersCanReadIsRefused() throws IOException {
        ServerSecret.loadOrCreate(data, new SecureRandom());
        Path file = data.resolve(ServerSecret.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> ServerSecret.loadOrCreate(data, new SecureRandom()))
                .isInstanceOf(IOException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void aTruncatedSecretIsRefusedRatherThanReplaced() throws IOException {
        Path file = data.resolve(ServerSecret.FILE_NAME);
        Files.write(file, new byte[7]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> ServerSecret.loadOrCreate(data, new SecureRandom()))
                .isInstanceOf(IOException.class).hasMessageContaining("exactly 32 bytes");
        assertThat(Files.size(file)).isEqualTo(7);
    }
}
