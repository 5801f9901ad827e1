package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.cli.chat.JsonChatClient.error;
import static org.parley.cli.chat.JsonChatClient.joined;
import static org.parley.cli.chat.JsonChatClient.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /create ROOM private --plain}, {@code /uninvite}, {@code /unban}, {@code /op} and {@code /deop} against a real server. */
class RoomModerationCommandsTest {
    @RegisterExtension
    final JsonChatServer chat = new JsonChatServer();

    private JsonChatClient client(String user) {
        return chat.client(user);
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
