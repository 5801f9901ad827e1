package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.KnownServersFile;
import org.parley.client.ParleyClient;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.store.SqliteStore;

/**
 * The durability promise end to end: a room message whose {@code Accepted} reached the
 * client is still there after the server process is killed with SIGKILL in the middle of a
 * stream of messages, and the database is sound. Three rounds on the same data directory.
 *
 * <p>The server runs as a child JVM ({@link ServerChild}) so that the kill is a real
 * {@code kill -9}: no shutdown hook, no store close, no flush.
 */
class KillNineDurabilityTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ROUNDS = 3;
    private static final int IN_FLIGHT = 32;
    private static final int MAX_MESSAGES = 5_000;
    private static final int PAGE = 200;
    private static final String PASSWORD = "a durable password";

    @TempDir
    Path scratch;

    private final List<ServerChild> children = new ArrayList<>();
    private final List<ParleyClient> clients = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        clients.forEach(ParleyClient::close);
        children.forEach(ServerChild::close);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyAcknowledgedMessageSurvivesAKillNineOfTheServer() throws Exception {
        Path data = scratch.resolve("data");
        KnownServersFile pins = new KnownServersFile(scratch.resolve("known_servers"));
        Map<Long, String> acknowledged = new HashMap<>();

        for (int round = 0; round < ROUNDS; round++) {
            String user = "writer" + round;
            int killAfter = 30 + 40 * round;

            ServerChild victim = child(data, "victim-" + round);
            ParleyClient writer = connect(pins, victim.port());
            writer.register(user, PASSWORD.toCharArray(), Optional.empty()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            writer.join("lobby").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<Long, String> ackedThisRound = streamUntilKilled(writer, victim, round, killAfter);
            assertThat(ackedThisRound).as("acknowledgements before the kill in round %d", round)
                    .hasSizeGreaterThanOrEqualTo(killAfter);
            acknowledged.putAll(ackedThisRound);

            ServerChild survivor = child(data, "survivor-" + round);
            ParleyClient reader = connect(pins, survivor.port());
            reader.login(user, PASSWORD.toCharArray()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            reader.join("lobby").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(lobbyHistory(reader)).as("lobby history after the kill in round %d", round)
                    .containsAllEntriesOf(acknowledged);
            reader.close();
            assertThat(survivor.stop(TIMEOUT)).as("exit status after SIGTERM").isIn(0, 128 + 15);

            try (SqliteStore store = SqliteStore.open(data.resolve("parley.db"))) {
                assertThat(store.integrityOk()).as("integrity check after round %d", round).isTrue();
            }
        }
    }

    /**
     * Sends numbered messages, at most {@link #IN_FLIGHT} unanswered at a time, and kills the
     * server as soon as {@code killAfter} were acknowledged, so that more are on the way. Returns
     * every message whose {@code sendRoom} future completed: the server answers only after commit.
     */
    private Map<Long, String> streamUntilKilled(ParleyClient writer, ServerChild victim, int round, int killAfter)
            throws Exception {
        Map<Long, String> acked = new ConcurrentHashMap<>();
        List<CompletableFuture<Long>> sent = new ArrayList<>();
        Semaphore window = new Semaphore(IN_FLIGHT);
        for (int i = 0; i < MAX_MESSAGES && acked.size() < killAfter; i++) {
            assertThat(window.tryAcquire(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("a send slot within the timeout").isTrue();
            String text = "round " + round + " message " + i + " 持久";
            CompletableFuture<Long> ack = writer.sendRoom("lobby", text);
            ack.whenComplete((id, failure) -> {
                if (failure == null) {
                    acked.put(id, text);
                }
                window.release();
            });
            sent.add(ack);
        }
        assertThat(victim.kill(TIMEOUT)).as("exit status of a server killed by SIGKILL").isEqualTo(128 + 9);
        // Answers already on their way before the kill still count: the server sent them after the
        // commit. Wait until every send has either its answer or its disconnect failure.
        CompletableFuture.allOf(sent.stream().map(f -> f.handle((id, failure) -> id)).toArray(CompletableFuture[]::new))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return Map.copyOf(acked);
    }

    /** Every lobby message, paging backwards from the newest. */
    private static Map<Long, String> lobbyHistory(ParleyClient client) throws Exception {
        Map<Long, String> texts = new HashMap<>();
        long before = 0;
        boolean more = true;
        while (more) {
            ChatEvent.HistoryPage page = client.history(new Conversation.InRoom("lobby"), before, PAGE)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (StoredMessage message : page.messages()) {
                texts.put(message.id(), new String(message.body().toByteArray(), StandardCharsets.UTF_8));
                before = before == 0 ? message.id() : Math.min(before, message.id());
            }
            more = page.more() && !page.messages().isEmpty();
        }
        return texts;
    }

    private ServerChild child(Path data, String name) throws IOException {
        ServerChild child = ServerChild.start(data, scratch, name, TIMEOUT);
        children.add(child);
        return child;
    }

    private ParleyClient connect(KnownServersFile pins, int port) throws Exception {
        ClientOptions options = ClientOptions.defaults("127.0.0.1", port, pins, fingerprint -> true);
        ParleyClient client = ParleyClient.connect(options, new QuietListener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        clients.add(client);
        return client;
    }

    /** The test reads answers from futures; pushed events are not needed. */
    private static final class QuietListener implements ClientListener {
        @Override
        public void onEvent(ChatEvent.Push event) {
            // Live copies of our own messages and presence notices: the futures carry what we check.
        }

        @Override
        public void onDisconnected(String reason) {
            // The writer is disconnected by the kill on purpose.
        }
    }
}
