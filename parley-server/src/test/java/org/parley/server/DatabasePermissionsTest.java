package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that group or others can read (SCRAM verifiers, invite codes, plain-room history) is
 * refused at start with the chmod to run, as the key files and scram-secret are; a database restored
 * with cp or sqlite3's .backup under the usual umask is 0644, and the server used to start on it.
 */
class DatabasePermissionsTest {
    @TempDir
    Path data;

    private ServerSettings settings() {
        return ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", 0));
    }

    @Test
    void aDatabaseReadableByOthersIsRefusedWithTheChmodToRun() throws IOException {
        ParleyServer.start(settings()).close();
        Path database = data.resolve("parley.db");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> ParleyServer.start(settings()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(database + " is accessible by group or others")
                .hasMessageContaining("chmod 600 " + database);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-r--r--");
    }

    @Test
    void anOwnerOnlyDatabaseStartsAgain() throws IOException {
        ParleyServer.start(settings()).close();

        try (ParleyServer again = ParleyServer.start(settings())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("parley.db")))).isEqualTo("rw-------");
        }
    }
}
