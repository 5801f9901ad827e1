package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.server.testing.ServerFixture.join;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * A lone room message on an idle store is committed on the event loop that read it (issue 13,
 * branch echo4), but an event loop never waits for the database: over real loopback connections,
 * with SQLite's write lock held by a second connection (a stalled disk, an operator's command), the
 * message goes to the store's writer thread at once and the sender's event loop goes on answering.
 */
class LockedDatabaseTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Half the store's busy timeout (10 s): an event loop that waited for the lock, as the writer
     * thread does, would answer the Ping only after it.
     */
    private static final Duration PING_ANSWERED_WITHIN = Duration.ofSeconds(5);

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    @Test
    void aLoneMessageOnALockedDatabaseGoesToTheWriterWhileTheSendersEventLoopAnswersAPing() throws Exception {
        TestClient sender = fixture.registered("sender");
        TestClient reader = fixture.registered("reader");
        join(sender, "lobby");
        join(reader, "lobby");
        long message;
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + fixture.dataDirectory().resolve("parley.db"));
             Statement statement = lock.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            message = sender.say("lobby", "while the database is locked");
            long ping = sender.request(ChatRequest.Ping::new);

            await().atMost(PING_ANSWERED_WITHIN).until(() -> answered(sender, ping));
            assertThat(answered(sender, message)).as("nothing is acknowledged while the database is locked").isFalse();
            assertThat(reader.events(ChatEvent.RoomMessage.class)).as("nor shown").isEmpty();
            statement.execute("ROLLBACK");
        }

        await().atMost(WAIT).until(() -> sender.events(ChatEvent.Accepted.class).stream()
                .anyMatch(a -> a.requestId() == message && a.messageId() > 0));
        await().atMost(WAIT).until(() -> reader.events(ChatEvent.RoomMessage.class).stream()
                .anyMatch(m -> new String(m.message().body().toByteArray(), java.nio.charset.StandardCharsets.UTF_8)
                        .equals("while the database is locked")));
    }

    private static boolean answered(TestClient client, long requestId) {
        return client.events(ChatEvent.Answer.class).stream().anyMatch(a -> a.requestId() == requestId);
    }
}
