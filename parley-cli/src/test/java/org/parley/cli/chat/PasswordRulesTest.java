package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;

/** The client library's password rules, as the terminal reports them, against a real server. */
class PasswordRulesTest {
    @TempDir
    Path temp;

    @Test
    void registeringWithACommonPasswordIsRefusedBeforeAnythingIsSentAndPasswdRefusesAShortOne() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerSettings.defaults(temp.resolve("data"))
                .withBind(new InetSocketAddress("127.0.0.1", 0)))) {
            try (JsonChatClient weak = new JsonChatClient(server.address().getPort(), "alice", "Password123", true,
                    temp.resolve("known"), true)) {
                JsonNode error = weak.awaitEvent(JsonChatClient.type("error"));
                assertThat(error.path("code").asText()).isEqualTo("PASSWORD_TOO_COMMON");
                assertThat(weak.exit.get()).isEqualTo(1);
            }
            try (JsonChatClient alice = new JsonChatClient(server.address().getPort(), "alice", "a-long-enough-password", true,
                    temp.resolve("known"), true)) {
                alice.awaitEvent(JsonChatClient.type("joined"));

                alice.send("/passwd a-long-enough-password short");

                assertThat(alice.awaitEvent(JsonChatClient.type("error")).path("code").asText()).isEqualTo("PASSWORD_TOO_SHORT");
            }
        }
    }

    @Test
    void passwdNeedsTheCurrentPasswordAndAWrongOneIsReportedAsWrongPassword() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerSettings.defaults(temp.resolve("data"))
                .withBind(new InetSocketAddress("127.0.0.1", 0)))) {
            try (JsonChatClient alice = new JsonChatClient(server.address().getPort(), "alice", "first-password-1", true,
                    temp.resolve("known"), true)) {
                alice.awaitEvent(JsonChatClient.type("joined"));

                alice.send("/passwd not-my-password second-password-2");
                assertThat(alice.awaitEvent(JsonChatClient.type("error")).path("code").asText()).isEqualTo("WRONG_PASSWORD");
                alice.send("/passwd first-password-1 second-password-2");
                JsonNode ok = alice.awaitEvent(JsonChatClient.type("ok"));

                assertThat(ok.path("command").asText()).isEqualTo("passwd");
            }
            try (JsonChatClient again = new JsonChatClient(server.address().getPort(), "alice", "second-password-2", false,
                    temp.resolve("known"), true)) {
                assertThat(again.awaitEvent(JsonChatClient.type("joined")).path("room").asText()).isNotEmpty();
            }
        }
    }
}
