package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.server.testing.ServerFixture.join;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/** The login deadline after the handshake, and the server-wide connection cap. */
class ConnectionBoundsTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    @Test
    void aConnectionThatCompletesTheHandshakeButNeverLogsInIsClosedAtTheLoginDeadline() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginTimeout(Duration.ofMillis(300)));
        TestClient alice = fixture.registered("alice");
        TestClient silent = fixture.connect();
        assertThat(silent.established()).isTrue();

        silent.awaitClosed();

        assertThat(silent.peerSentCloseNotify()).isTrue();
        // Alice logged in before the silent peer connected: her deadline was cancelled by the login.
        join(alice, "lobby");
        assertThat(alice.isClosed()).isFalse();
    }

    @Test
    void keyUpdatesDoNotPostponeTheLoginDeadline() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginTimeout(Duration.ofMillis(300))
                .withKeyUpdateRate(new RequestRate(1000, 1000)));
        TestClient silent = fixture.connect();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            if (!silent.isClosed()) {
                try {
                    silent.requestKeyUpdate();
                } catch (java.net.SocketException closedMeanwhile) {
                    // The server ended the connection between the check and the write: what this test waits for.
                }
            }
            return silent.isClosed();
        });

        assertThat(silent.peerSentCloseNotify()).isTrue();
    }

    @Test
    void aConnectionOverTheServerWideCapIsClosedBeforeItsHandshake() throws Exception {
        fixture.start(ServerLimits.defaults().withMaxConnections(2));
        TestClient first = fixture.connect();
        fixture.connect();

        TestClient third = fixture.connect();

        assertThat(third.established()).isFalse();
        assertThat(third.isClosed()).isTrue();
        first.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.connect().established());
    }
}
