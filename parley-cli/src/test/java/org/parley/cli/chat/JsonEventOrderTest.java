package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ParleyServer;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;

/**
 * The {@code --json} contract of docs/CLI.md under repetition, against a real server: history
 * after {@code joined}, {@code disconnected} exactly once and last, and the exit status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonEventOrderTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final List<String> EARLIER = List.of("one", "two", "three");

    @TempDir
    static Path temp;

    private ParleyServer server;

    @BeforeAll
    void startServerWithHistory() throws Exception {
        // Forty logins of one account within a minute: loosen the login throttle for this test.
        ServerLimits loose = ServerLimits.defaults().withMaxConnectionsPerIp(64).withLoginAttempts(1000, 1000);
        server = ParleyServer.start(ServerSettings.defaults(temp.resolve("data")).withBind(new InetSocketAddress("127.0.0.1", 0))
                .withLimits(loose));
        try (JsonChatClient writer = client(server.address().getPort(), "writer", true)) {
            writer.awaitEvent(JsonChatClient.type("joined"));
            for (String text : EARLIER) {
                writer.send(text);
            }
            writer.close();
            assertThat(writer.exit.get(60, TimeUnit.SECONDS)).isZero();
        }
        try (JsonChatClient reader = client(server.address().getPort(), "reader", true)) {
            reader.close();
            assertThat(reader.exit.get(60, TimeUnit.SECONDS)).isZero();
        }
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private JsonChatClient client(int port, String user, boolean register) {
        return new JsonChatClient(port, user, PASSWORD, register, temp.resolve("known_servers"), true);
    }

    @RepeatedTest(20)
    void historyFollowsJoinedAndDisconnectedIsTheLastEventWhenInputEndsAtOnce() throws Exception {
        JsonChatClient reader = client(server.address().getPort(), "reader", false);

        reader.close();
        int status = reader.exit.get(60, TimeUnit.SECONDS);

        List<String> types = reader.events.stream().map(e -> e.path("type").asText()).toList();
        assertThat(status).isZero();
        assertThat(types.getFirst()).isEqualTo("connected");
        assertThat(types.getLast()).isEqualTo("disconnected");
        assertThat(types).filteredOn("disconnected"::equals).hasSize(1);
        assertThat(types).doesNotContain("error");
        int joined = types.indexOf("joined");
        List<String> history = reader.events.subList(joined + 1, reader.events.size()).stream()
                .filter(e -> e.path("type").asText().equals("message")).map(e -> e.path("text").asText()).toList();
        assertThat(history).as("%s", reader.events).containsSubsequence(EARLIER);
        assertThat(reader.ofType("disconnected").getFirst().path("reason").asText()).isEqualTo("end of input");
        assertThat(reader.notJson).isEmpty();
    }

    @RepeatedTest(20)
    void aConnectionCutByTheServerWithBadRecordEndsWithDisconnectedLastAndStatusOne(RepetitionInfo repetition) throws Exception {
        // One account and one end-to-end device for every cut (issue 8: it used to stall at about the tenth login).
        try (CorruptingProxy proxy = new CorruptingProxy(server.address());
             JsonChatClient reader = client(proxy.port(), "cut", repetition.getCurrentRepetition() == 1)) {
            JsonNode first = reader.awaitEvent(e -> e.path("type").asText().equals("joined") || e.path("type").asText().equals("error"));
            assertThat(first.path("type").asText()).as("%s", reader.events).isEqualTo("joined");

            // Its own text in each repetition: the device keeps the message the cut caught and the next
            // repetition's start sends it again (docs/E2EE.md 20.3, "Plaintext-room sends").
            String corrupted = "this record is corrupted on the way " + repetition.getCurrentRepetition();
            proxy.corruptNextClientBytes();
            reader.send(corrupted);
            reader.send("/who");
            reader.close();
            int status = reader.exit.get(60, TimeUnit.SECONDS);

            List<String> types = reader.events.stream().map(e -> e.path("type").asText()).toList();
            assertThat(status).isEqualTo(1);
            assertThat(types.getLast()).isEqualTo("disconnected");
            assertThat(types).filteredOn("disconnected"::equals).hasSize(1);
            assertThat(reader.ofType("message")).noneMatch(e -> e.path("text").asText().equals(corrupted));
            assertThat(reader.ofType("disconnected").getFirst().path("reason").asText()).isNotIn("end of input", "quit");
        }
    }

    @Test
    void joiningARoomAlreadyJoinedSwitchesToItWithoutReplayingItsHistory() throws Exception {
        try (JsonChatClient reader = client(server.address().getPort(), "reader", false)) {
            reader.awaitEvent(JsonChatClient.type("joined"));
            reader.send("/join 茶室");
            reader.awaitEvent(e -> e.path("type").asText().equals("joined") && e.path("room").asText().equals("茶室"));
            int messagesBefore = reader.ofType("message").size();

            reader.send("/join LOBBY");
            JsonNode switched = reader.awaitEvent(e -> e.path("type").asText().equals("ok") && e.path("command").asText().equals("join"));
            reader.send("after the switch");
            reader.awaitEvent(e -> e.path("type").asText().equals("message") && e.path("text").asText().equals("after the switch"));
            reader.close();
            assertThat(reader.exit.get(60, TimeUnit.SECONDS)).isZero();

            assertThat(switched.path("room").asText()).isEqualTo("Lobby");
            assertThat(reader.ofType("joined")).hasSize(2);
            assertThat(reader.ofType("message")).hasSize(messagesBefore + 1);
            assertThat(reader.ofType("message").getLast().path("room").asText()).isEqualTo("Lobby");
        }
    }
}
