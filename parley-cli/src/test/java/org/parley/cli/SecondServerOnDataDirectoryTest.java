package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley server} on a data directory that a server in another process is using exits with
 * status 1 and one line saying so (an OS file lock, so this is the cross-process case), instead of
 * starting a second server whose rooms and sessions would diverge from the first one's.
 */
class SecondServerOnDataDirectoryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path scratch;

    private ServerChild child;

    @AfterEach
    void stopTheChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aServerOnADataDirectoryAnotherProcessServesIsRefusedInOneLine() throws Exception {
        Path data = scratch.resolve("data");
        child = ServerChild.start(data, scratch, "first", TIMEOUT);
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("server", "--data", data.toString(), "--bind", "127.0.0.1", "--port", "0");

        assertThat(status).isEqualTo(1);
        assertThat(cli.out.toString()).doesNotContain("listening");
        assertThat(cli.err.toString().strip()).startsWith("parley server: the data directory ")
                .contains("is in use by another Parley server").doesNotContain("\n");
        assertThat(child.stop(TIMEOUT)).isIn(0, 143);
        child = null;
    }
}
