package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ParleyServer;

/**
 * An attacker in the path cuts a logged-in session without close_notify. Whether the cut arrives
 * as an orderly TCP end or as a reset, the client reports a truncation (bad_record), never "the
 * server closed the connection" (PROTOCOL.md §10.8).
 */
class TruncationEndToEndTest {
    @TempDir
    Path data;

    @ParameterizedTest(name = "reset = {0}")
    @ValueSource(booleans = {false, true})
    void aCutWithoutCloseNotifyIsReportedAsTruncation(boolean reset) throws Exception {
        try (ParleyServer server = TestServer.start(data);
             PausingProxy path = new PausingProxy(server.address());
             Chatters chatters = new Chatters(path.address())) {
            Chatter victim = chatters.register("victim", "a long enough passphrase");

            path.cut(reset);

            await().atMost(TestServer.timeout()).until(() -> !victim.listener().disconnects().isEmpty());
            assertThat(victim.listener().disconnects()).singleElement().asString()
                    .contains("BAD_RECORD").contains("truncation").doesNotContain("the server closed");
        }
    }
}
