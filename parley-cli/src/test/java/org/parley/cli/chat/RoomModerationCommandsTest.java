package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;

/** {@code /create ROOM private --plain}, {@code /uninvite}, {@code /unban}, {@code /op} and {@code /deop} against a real server. */
class RoomModerationCommandsTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path temp;

    private ParleyServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = ParleyServer.start(ServerSettings.defaults(temp.resolve("data")).withBind(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private JsonChatClient client(String user) {
        return new JsonChatClient(server.address().getPort(), user, PASSWORD, true, temp.resolve("known_servers"), true);
    }

    private static Predicate<JsonNode> ok(String command) {
        return e -> e.path("type").asText().equals("ok") && e.path("command").asText().equals(command);
    }

    private static Predicate<JsonNode> error(String code) {
        return e -> e.path("type").asText().equals("error") && e.path("code").asText().equals(code);
    }

    private static Predicate<JsonNode> joined(String room) {
        return e -> e.path("type").asText().equals("joined") && e.path("room").asText().equals(room);
    }

    private static long count(JsonChatClient client, Predicate<JsonNode> condition) {
        return client.events.stream().filter(condition).count();
    }

    @Test
    void aPrivateRoomAdmitsOnlyInviteesAndAWithdrawnInvitationNoLongerAdmits() throws Exception {
        try (JsonChatClient alice = client("alice"); JsonChatClient bob = client("bob"); JsonChatClient carol = client("carol")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));
            carol.awaitEvent(JsonChatClient.type("joined"));

            alice.send("/create 密室 private --plain");
            alice.awaitEvent(joined("密室"));
            alice.send("/invite bob");
            alice.awaitEvent(ok("invite"));
            alice.send("/invite carol");
            alice.awaitEvent(ok("invite"));
            alice.send("/uninvite carol");
            alice.awaitEvent(ok("uninvite"));

            bob.send("/join 密室");
            bob.awaitEvent(joined("密室"));
            carol.send("/join 密室");
            JsonNode refused = carol.awaitEvent(JsonChatClient.type("error"));
            assertThat(refused.path("code").asText()).isEqualTo("NO_SUCH_ROOM");
            assertThat(carol.ofType("joined")).noneMatch(joined("密室"));
        }
    }

    @Test
    void anOwnerMakesAMemberAnOperatorWhoCanThenSetTheTopicUntilDeopped() throws Exception {
        try (JsonChatClient alice = client("alice"); JsonChatClient bob = client("bob")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));
            alice.send("/create club");
            alice.awaitEvent(joined("club"));
            bob.send("/join club");
            bob.awaitEvent(joined("club"));

            bob.send("/topic mine now");
            bob.awaitEvent(error("NOT_PERMITTED"));
            alice.send("/op bob");
            alice.awaitEvent(ok("op"));
            bob.send("/topic ours");
            bob.awaitEvent(ok("topic"));
            alice.send("/deop bob");
            alice.awaitEvent(ok("deop"));
            bob.send("/topic again");

            await().atMost(Duration.ofMinutes(1)).until(() -> count(bob, error("NOT_PERMITTED")) + count(bob, ok("topic")) == 3);
            assertThat(count(bob, error("NOT_PERMITTED"))).isEqualTo(2);
        }
    }

    @Test
    void aLiftedBanLetsTheUserJoinAgain() throws Exception {
        try (JsonChatClient alice = client("alice"); JsonChatClient bob = client("bob")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));
            alice.send("/create club");
            alice.awaitEvent(joined("club"));
            alice.send("/ban bob");
            alice.awaitEvent(ok("ban"));
            bob.send("/join club");
            bob.awaitEvent(error("BANNED"));

            alice.send("/unban bob");
            alice.awaitEvent(ok("unban"));
            bob.send("/join club");

            bob.awaitEvent(joined("club"));
        }
    }
}
