package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.ServerFixture.join;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/** Login keys, roles, topic and bans over real connections (password change: PasswordChangeTest). */
class AccountAndModerationTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    private static ChatEvent awaitAnswer(TestClient client, long id) {
        return client.awaitEvent(ChatEvent.class, e -> e instanceof ChatEvent.Accepted a && a.requestId() == id
                || e instanceof ChatEvent.Rejected r && r.requestId() == id);
    }

    @Test
    void registeredLoginKeyLetsTheUserLogInAndARemovedOneDoesNot() throws Exception {
        SigningKey key = SignatureComponent.ED25519.algorithm().create().generate(new SecureRandom());
        TestClient alice = fixture.registered("alice");
        long add = alice.request(id -> new ChatRequest.AddLoginKey(id, SignatureComponent.ED25519, key.publicKey()));
        assertThat(awaitAnswer(alice, add)).isInstanceOf(ChatEvent.Accepted.class);

        try (TestClient again = fixture.connect()) {
            assertThat(again.loginWithKey("alice", key)).isInstanceOf(AuthSucceeded.class);
        }
        long remove = alice.request(id -> new ChatRequest.RemoveLoginKey(id, SignatureComponent.ED25519, key.publicKey()));
        assertThat(awaitAnswer(alice, remove)).isInstanceOf(ChatEvent.Accepted.class);
        try (TestClient again = fixture.connect()) {
            assertThat(again.loginWithKey("alice", key)).isInstanceOf(AuthFailed.class);
        }
    }

    @Test
    void addingALoginKeyTheAccountAlreadyHasIsAcceptedAndListsItOnce() throws Exception {
        SigningKey key = SignatureComponent.ED25519.algorithm().create().generate(new SecureRandom());
        TestClient alice = fixture.registered("alice");
        long first = alice.request(id -> new ChatRequest.AddLoginKey(id, SignatureComponent.ED25519, key.publicKey()));
        assertThat(awaitAnswer(alice, first)).isInstanceOf(ChatEvent.Accepted.class);

        // A retry whose first answer was lost, or the same key file added again: bad input at worst, never internal.
        long again = alice.request(id -> new ChatRequest.AddLoginKey(id, SignatureComponent.ED25519, key.publicKey()));

        assertThat(awaitAnswer(alice, again)).isInstanceOf(ChatEvent.Accepted.class);
        long list = alice.request(ChatRequest.ListLoginKeys::new);
        assertThat(alice.awaitEvent(ChatEvent.LoginKeyList.class, l -> l.requestId() == list).keys()).hasSize(1);
    }

    @Test
    void onlyOperatorsSetTheTopicAndOnlyTheOwnerGrantsOp() throws Exception {
        TestClient owner = fixture.registered("owner");
        TestClient bob = fixture.registered("bob");
        long create = owner.request(id -> new ChatRequest.CreateRoom(id, "Study", RoomVisibility.PUBLIC));
        owner.awaitEvent(ChatEvent.JoinedRoom.class, j -> j.requestId() == create);
        join(bob, "study");

        long denied = bob.request(id -> new ChatRequest.SetTopic(id, "study", "bob rules"));
        assertThat(awaitAnswer(bob, denied)).isEqualTo(new ChatEvent.Rejected(denied, ErrorCode.NOT_PERMITTED,
                "only the room's owner or an operator may do that"));
        long grant = owner.request(id -> new ChatRequest.SetRole(id, "study", "bob", Role.OP));
        assertThat(awaitAnswer(owner, grant)).isInstanceOf(ChatEvent.Accepted.class);
        long topic = bob.request(id -> new ChatRequest.SetTopic(id, "study", "exam on Friday"));
        assertThat(awaitAnswer(bob, topic)).isInstanceOf(ChatEvent.Accepted.class);

        ChatEvent.TopicChanged changed = owner.awaitEvent(ChatEvent.TopicChanged.class, t -> true);
        assertThat(changed).isEqualTo(new ChatEvent.TopicChanged("Study", "exam on Friday", "bob"));
    }

    @Test
    void bannedUserIsRemovedAndCannotRejoinUntilUnbanned() throws Exception {
        TestClient owner = fixture.registered("owner");
        TestClient bob = fixture.registered("bob");
        long create = owner.request(id -> new ChatRequest.CreateRoom(id, "Study", RoomVisibility.PUBLIC));
        owner.awaitEvent(ChatEvent.JoinedRoom.class, j -> j.requestId() == create);
        join(bob, "study");

        long ban = owner.request(id -> new ChatRequest.Ban(id, "study", "bob", 3600, "spam"));
        assertThat(awaitAnswer(owner, ban)).isInstanceOf(ChatEvent.Accepted.class);
        bob.awaitEvent(ChatEvent.RemovedFromRoom.class, r -> r.room().equals("Study"));
        long rejoin = bob.request(id -> new ChatRequest.JoinRoom(id, "study"));
        assertThat(awaitAnswer(bob, rejoin)).isInstanceOfSatisfying(ChatEvent.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.BANNED));

        long unban = owner.request(id -> new ChatRequest.Unban(id, "study", "bob"));
        assertThat(awaitAnswer(owner, unban)).isInstanceOf(ChatEvent.Accepted.class);
        assertThat(join(bob, "study").room().name()).isEqualTo("Study");
    }
}
