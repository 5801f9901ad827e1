package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Drives {@code parley chat --json} sessions against an in-process server on loopback. */
class JsonChatModeTest {
    private static final String PASSWORD = JsonChatServer.PASSWORD;

    @RegisterExtension
    final JsonChatServer chat = new JsonChatServer();

    private JsonChatClient client(String user, String password, boolean register) {
        return chat.client(user, password, register);
    }

    @Test
    void roomMessagesComeBackAsTheSendersAcknowledgementAndReachOthers() throws Exception {
        try (JsonChatClient alice = client("alice", PASSWORD, true); JsonChatClient bob = client("bob", PASSWORD, true)) {
            JsonNode connected = alice.awaitEvent(JsonChatClient.type("connected"));
            assertThat(connected.path("suite").asText()).startsWith("PARLEY1_");
            assertThat(connected.path("fingerprint").asText())
                    .isEqualTo(chat.server().keys().getFirst().fingerprint().toString());
            assertThat(connected.path("securityBits").asInt()).isGreaterThanOrEqualTo(128);
            assertThat(connected.path("postQuantum").isBoolean()).isTrue();
            assertThat(alice.awaitEvent(JsonChatClient.type("joined")).path("room").asText()).isEqualToIgnoringCase("lobby");
            bob.awaitEvent(JsonChatClient.type("joined"));

            alice.send("hello 你好 😀");

            JsonNode echo = alice.awaitEvent(e -> e.path("type").asText().equals("message") && e.path("text").asText().equals("hello 你好 😀"));
            assertThat(echo.path("from").asText()).isEqualTo("alice");
            assertThat(echo.path("room").asText()).isEqualToIgnoringCase("lobby");
            assertThat(echo.path("id").asLong()).isPositive();
            assertThat(echo.path("ts").asLong()).isPositive();
            assertThat(echo.path("history").asBoolean()).isFalse();
            JsonNode atBob = bob.awaitEvent(e -> e.path("type").asText().equals("message") && e.path("id").asLong() == echo.path("id").asLong());
            assertThat(atBob.path("text").asText()).isEqualTo("hello 你好 😀");
            assertThat(atBob.path("from").asText()).isEqualTo("alice");

            alice.send("/quit");
            assertThat(alice.exit.get()).isZero();
            assertThat(alice.ofType("disconnected")).singleElement().satisfies(e -> assertThat(e.path("reason").asText()).isEqualTo("quit"));
            assertThat(alice.notJson).isEmpty();
            assertThat(bob.notJson).isEmpty();
        }
    }

    @Test
    void rekeyReplacesTheKeysAndSuiteReportsBothDirections() throws Exception {
        try (JsonChatClient alice = client("alice", PASSWORD, true)) {
            alice.awaitEvent(JsonChatClient.type("joined"));

            alice.send("/rekey");
            alice.awaitEvent(e -> e.path("type").asText().equals("ok") && e.path("command").asText().equals("rekey"));
            // The server answers our update before it reads the message behind it, so once the echo
            // is back its own update has arrived too.
            alice.send("after the update");
            alice.awaitEvent(e -> e.path("type").asText().equals("message") && e.path("text").asText().equals("after the update"));
            alice.send("/suite");

            JsonNode suite = alice.awaitEvent(JsonChatClient.type("suite"));
            assertThat(suite.path("keyUpdatesSent").asInt()).isEqualTo(1);
            assertThat(suite.path("keyUpdatesReceived").asInt()).isEqualTo(1);
            assertThat(alice.notJson).isEmpty();
        }
    }

    @Test
    void privateMessagesReachOnlyTheTwoParties() throws Exception {
        try (JsonChatClient alice = client("alice", PASSWORD, true); JsonChatClient bob = client("bob", PASSWORD, true);
                JsonChatClient carol = client("carol", PASSWORD, true)) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));
            carol.awaitEvent(JsonChatClient.type("joined"));

            alice.send("/msg bob meet at 5 秘密");
            alice.send("after the secret");

            JsonNode atBob = bob.awaitEvent(JsonChatClient.type("private"));
            assertThat(atBob.path("from").asText()).isEqualTo("alice");
            assertThat(atBob.path("to").asText()).isEqualTo("bob");
            assertThat(atBob.path("text").asText()).isEqualTo("meet at 5 秘密");
            assertThat(atBob.path("e2e").asBoolean()).isTrue();
            assertThat(atBob.path("e2eSuite").asText()).isEqualTo("pq-ratchet");
            assertThat(alice.awaitEvent(JsonChatClient.type("private")).path("messageId").asText())
                    .isEqualTo(atBob.path("messageId").asText()).hasSize(32);
            // Carol's connection delivers in order: once the later room message is there, a leaked private one would be too.
            carol.awaitEvent(e -> e.path("type").asText().equals("message") && e.path("text").asText().equals("after the secret"));
            assertThat(carol.ofType("private")).isEmpty();
            assertThat(carol.events.toString()).doesNotContain("秘密");
        }
    }

    @Test
    void joiningReplaysRecentHistoryMarkedAsHistoryAndJoinCreatesAMissingRoom() throws Exception {
        try (JsonChatClient alice = client("alice", PASSWORD, true)) {
            alice.send("/join 读书会");
            alice.awaitEvent(e -> e.path("type").asText().equals("joined") && e.path("room").asText().equals("读书会"));
            alice.send("first in the club");
            alice.awaitEvent(e -> e.path("type").asText().equals("message") && e.path("text").asText().equals("first in the club"));
        }
        try (JsonChatClient bob = client("bob", PASSWORD, true)) {
            bob.awaitEvent(JsonChatClient.type("joined"));

            bob.send("/join 读书会");

            JsonNode replayed = bob.awaitEvent(e -> e.path("type").asText().equals("message")
                    && e.path("text").asText().equals("first in the club"));
            assertThat(replayed.path("history").asBoolean()).isTrue();
            assertThat(replayed.path("from").asText()).isEqualTo("alice");
            assertThat(replayed.path("room").asText()).isEqualTo("读书会");
            int joinedAt = bob.events.indexOf(bob.awaitEvent(e -> e.path("type").asText().equals("joined")
                    && e.path("room").asText().equals("读书会")));
            assertThat(bob.events.indexOf(replayed)).isGreaterThan(joinedAt);
        }
    }

    @Test
    void aWrongPasswordGivesAnErrorThenDisconnectedAndAFailureStatus() throws Exception {
        try (JsonChatClient alice = client("alice", PASSWORD, true)) {
            alice.awaitEvent(JsonChatClient.type("joined"));
        }
        try (JsonChatClient impostor = client("alice", "not the password", false)) {
            assertThat(impostor.exit.get()).isEqualTo(1);

            assertThat(impostor.events).extracting(e -> e.path("type").asText()).containsExactly("connected", "error", "disconnected");
            assertThat(impostor.ofType("error").getFirst().path("code").asText()).isEqualTo("INVALID_CREDENTIALS");
            assertThat(impostor.ofType("error").getFirst().path("message").asText()).isNotBlank();
        }
    }

    @Test
    void anUnknownServerIsRefusedWithoutTrustOnFirstUse() throws Exception {
        try (JsonChatClient cautious = new JsonChatClient(chat.server().address().getPort(), "dave", PASSWORD, true,
                chat.path("empty_known_servers"), false)) {
            assertThat(cautious.exit.get()).isEqualTo(1);

            assertThat(cautious.events).extracting(e -> e.path("type").asText()).containsExactly("error", "disconnected");
            assertThat(cautious.events.getFirst().path("code").asText()).isEqualTo("UNKNOWN_SERVER");
        }
    }

    @Test
    void endOfInputEndsTheSessionCleanly() throws Exception {
        JsonChatClient alice = client("alice", PASSWORD, true);
        alice.awaitEvent(JsonChatClient.type("joined"));

        alice.close();

        await().atMost(Duration.ofSeconds(30)).until(alice.exit::isDone);
        assertThat(alice.exit.get()).isZero();
        assertThat(alice.events.getLast().path("type").asText()).isEqualTo("disconnected");
        assertThat(alice.events.getLast().path("reason").asText()).isEqualTo("end of input");
    }
}
