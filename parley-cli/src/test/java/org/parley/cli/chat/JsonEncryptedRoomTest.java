package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.cli.chat.JsonChatClient.event;
import static org.parley.cli.chat.JsonChatClient.ok;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An end-to-end encrypted room made and used from the terminal client in {@code --json} mode, on a real server. */
class JsonEncryptedRoomTest {
    @RegisterExtension
    final JsonChatServer chat = new JsonChatServer();

    /** Each user has an installation of their own, so an end-to-end device of their own. */
    private JsonChatClient client(String user) {
        return chat.installation(user, user, true);
    }

    @Test
    void aPrivateRoomCreatedWithoutOptionsIsEncryptedAndItsMessagesReachTheInvitedMemberWithTheEndToEndFields() throws Exception {
        try (JsonChatClient alice = client("alice"); JsonChatClient bob = client("bob")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));

            alice.send("/create team --private");
            JsonNode created = alice.awaitEvent(event("joined", "room", "team"));
            alice.send("/invite bob");
            alice.awaitEvent(ok("invite"));
            bob.send("/join team");
            JsonNode bobJoined = bob.awaitEvent(event("joined", "room", "team"));
            alice.awaitEvent(e -> event("roomNotice", "kind", "joined").test(e) && e.path("user").asText().equals("bob"));
            alice.send("hello 你好 from alice");
            JsonNode sent = alice.awaitEvent(event("message", "text", "hello 你好 from alice"));
            JsonNode received = bob.awaitEvent(event("message", "text", "hello 你好 from alice"));
            bob.send("hi back");
            JsonNode reply = alice.awaitEvent(event("message", "text", "hi back"));

            assertThat(created.path("encrypted").asBoolean()).isTrue();
            assertThat(bobJoined.path("encrypted").asBoolean()).isTrue();
            assertThat(sent.path("e2e").asBoolean()).isTrue();
            assertThat(received.path("e2e").asBoolean()).isTrue();
            assertThat(received.path("room").asText()).isEqualTo("team");
            assertThat(received.path("from").asText()).isEqualTo("alice");
            assertThat(received.path("messageId").asText()).matches("[0-9a-f]{32}").isEqualTo(sent.path("messageId").asText());
            assertThat(received.path("epoch").asLong()).isEqualTo(sent.path("epoch").asLong()).isPositive();
            assertThat(reply.path("from").asText()).isEqualTo("bob");
            assertThat(reply.path("e2e").asBoolean()).isTrue();
            assertThat(bob.ofType("roomNotice")).anyMatch(e -> e.path("kind").asText().equals("history_not_shared"));
        }
    }

    @Test
    void roomSecurityReportsAVerifiedLogAndTheOwnChainAndAPlainRoomSaysItIsNotEncrypted() throws Exception {
        try (JsonChatClient alice = client("alice")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            alice.send("/create team");
            JsonNode plain = alice.awaitEvent(event("joined", "room", "team"));
            alice.send("/room-security");
            JsonNode plainSecurity = alice.awaitEvent(event("roomSecurity", "room", "team"));
            alice.send("/create vault --public --encrypted");
            JsonNode vault = alice.awaitEvent(event("joined", "room", "vault"));
            alice.send("first words");
            alice.awaitEvent(event("message", "text", "first words"));
            alice.send("/room-security vault");
            JsonNode security = alice.awaitEvent(event("roomSecurity", "room", "vault"));

            assertThat(plain.path("encrypted").asBoolean()).isFalse();
            assertThat(plainSecurity.path("encrypted").asBoolean()).isFalse();
            assertThat(vault.path("encrypted").asBoolean()).isTrue();
            assertThat(security.path("encrypted").asBoolean()).isTrue();
            assertThat(security.path("log").asText()).isEqualTo("verified");
            assertThat(security.path("logEntries").asInt()).isEqualTo(1);
            assertThat(security.path("logHead").asText()).matches("[0-9a-f]{64}");
            assertThat(security.path("epoch").asLong()).isEqualTo(1);
            assertThat(security.path("messagesInChain").asLong()).isEqualTo(1);
            assertThat(security.path("forwardSecrecyPerMessage").asBoolean()).isTrue();
            assertThat(security.path("postCompromiseOnlyAfterRekey").asBoolean()).isTrue();
        }
    }

    @Test
    void aKickedMemberIsToldAndTheRestRekeyBeforeTheNextMessage() throws Exception {
        try (JsonChatClient alice = client("alice"); JsonChatClient bob = client("bob")) {
            alice.awaitEvent(JsonChatClient.type("joined"));
            bob.awaitEvent(JsonChatClient.type("joined"));
            alice.send("/create team --private");
            alice.awaitEvent(event("joined", "room", "team"));
            alice.send("/invite bob");
            alice.awaitEvent(ok("invite"));
            bob.send("/join team");
            bob.awaitEvent(event("joined", "room", "team"));
            alice.send("before the kick");
            bob.awaitEvent(event("message", "text", "before the kick"));

            alice.send("/kick bob");
            alice.awaitEvent(ok("kick"));
            bob.awaitEvent(event("roomNotice", "kind", "no_longer_member"));
            alice.send("after the kick");
            alice.awaitEvent(event("message", "text", "after the kick"));

            assertThat(alice.ofType("roomNotice")).anyMatch(e -> e.path("kind").asText().equals("rekeyed"));
        }
    }
}
