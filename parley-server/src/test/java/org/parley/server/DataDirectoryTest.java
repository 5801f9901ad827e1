package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void aNewDataDirectoryIsOwnerOnlyWithItsParents() throws IOException {
        Path directory = temp.resolve("srv/parley");

        DataDirectory.prepare(directory);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void anExistingDirectoryKeepsThePermissionsItsOwnerChose() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-x---"));

        DataDirectory.prepare(directory);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwxr-x---");
    }
}
