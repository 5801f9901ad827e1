package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second server on a data directory that a running server uses is refused before it touches
 * anything, because two servers would each keep their own rooms and sessions in memory over one
 * database and diverge; once the first has stopped, the directory can be used again.
 */
class OneServerPerDataDirectoryTest {
    @TempDir
    Path data;

    private ServerSettings settings() {
        return ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", 0));
    }

    @Test
    void aSecondServerOnADataDirectoryInUseIsRefusedWithATypedErrorNamingTheDirectory() throws IOException {
        try (ParleyServer first = ParleyServer.start(settings())) {
            String auditBefore = Files.readString(data.resolve("logs/audit.jsonl"));

            assertThatThrownBy(() -> ParleyServer.start(settings()))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(data.toString())
                    .hasMessageContaining("another Parley server");

            assertThat(Files.readString(data.resolve("logs/audit.jsonl"))).isEqualTo(auditBefore);
            assertThat(first.address().getPort()).isPositive();
        }
    }

    @Test
    void theDataDirectoryCanBeUsedAgainOnceTheServerHasStopped() throws IOException {
        ParleyServer.start(settings()).close();

        try (ParleyServer again = ParleyServer.start(settings())) {
            assertThat(again.keys()).isNotEmpty();
        }
    }
}
