package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.PasswordChangeProof;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/** Issue 12: a password change proves the current password, bound to its connection and new verifier. */
class PasswordChangeTest {
    private static final String NEW_PASSWORD = "a brand new password";

    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    @Test
    void aSessionAsksForItsOwnPasswordParametersAndGetsTheStoredSaltAndIterations() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        ScramVerifier stored = fixture.verifier(ServerFixture.PASSWORD);

        ChatEvent.PasswordParams params = params(alice);

        assertThat(params.mechanism()).isEqualTo(stored.mechanism());
        assertThat(params.salt()).isEqualTo(stored.salt());
        assertThat(params.iterations()).isEqualTo(stored.iterations());
    }

    @Test
    void theRightProofChangesThePasswordAndOnlyTheNewOneLogsIn() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        ScramVerifier next = fixture.verifier(NEW_PASSWORD);

        ChatEvent answer = change(alice, proof(alice, ServerFixture.PASSWORD, alice.channelBinding(), next), next);

        assertThat(answer).isInstanceOf(ChatEvent.Accepted.class);
        assertThat(login("alice", ServerFixture.PASSWORD)).isInstanceOf(AuthFailed.class);
        assertThat(login("alice", NEW_PASSWORD)).isInstanceOf(AuthSucceeded.class);
    }

    @Test
    void aProofFromAWrongCurrentPasswordIsRefusedAndChangesNothing() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        ScramVerifier next = fixture.verifier(NEW_PASSWORD);

        ChatEvent answer = change(alice, proof(alice, "not the password", alice.channelBinding(), next), next);

        assertWrongPassword(answer);
        assertThat(login("alice", ServerFixture.PASSWORD)).isInstanceOf(AuthSucceeded.class);
    }

    @Test
    void anAbsentProofOfZeroesIsRefused() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        ScramVerifier next = fixture.verifier(NEW_PASSWORD);

        assertWrongPassword(change(alice, Bytes.copyOf(new byte[32]), next));
        assertThat(alice.isClosed()).isFalse();
    }

    @Test
    void aProofMadeForAnotherConnectionIsRefusedWhenReplayedOnThisOne() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient first = fixture.registered("alice");
        TestClient second = fixture.connect();
        assertThat(second.login("alice", ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        ScramVerifier next = fixture.verifier(NEW_PASSWORD);
        Bytes madeForFirst = proof(first, ServerFixture.PASSWORD, first.channelBinding(), next);

        assertWrongPassword(change(second, madeForFirst, next));
        assertThat(login("alice", ServerFixture.PASSWORD)).isInstanceOf(AuthSucceeded.class);
    }

    @Test
    void aProofBoundToADifferentNewVerifierIsRefused() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        ScramVerifier intended = fixture.verifier(NEW_PASSWORD);
        ScramVerifier substituted = fixture.verifier("the attacker's password");
        Bytes proofForIntended = proof(alice, ServerFixture.PASSWORD, alice.channelBinding(), intended);

        assertWrongPassword(change(alice, proofForIntended, substituted));
        assertThat(login("alice", "the attacker's password")).isInstanceOf(AuthFailed.class);
    }

    @Test
    void failedProofsCountInTheAccountsLoginThrottle() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(2, 100));
        TestClient alice = fixture.registered("alice");
        ScramVerifier next = fixture.verifier(NEW_PASSWORD);
        assertWrongPassword(change(alice, proof(alice, "guess one", alice.channelBinding(), next), next));
        assertWrongPassword(change(alice, proof(alice, "guess two", alice.channelBinding(), next), next));

        ChatEvent third = change(alice, proof(alice, ServerFixture.PASSWORD, alice.channelBinding(), next), next);

        assertThat(third).isInstanceOfSatisfying(ChatEvent.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(login("alice", ServerFixture.PASSWORD)).as("the same throttle refuses logins now").isInstanceOf(AuthFailed.class);
    }

    @Test
    void aSessionLoggedInWithAKeyChangesThePasswordWithTheCurrentOne() throws Exception {
        fixture.start(ServerLimits.defaults());
        SigningKey key = SignatureComponent.ED25519.algorithm().create().generate(new SecureRandom());
        TestClient alice = fixture.registered("alice");
        long add = alice.request(id -> new ChatRequest.AddLoginKey(id, SignatureComponent.ED25519, key.publicKey()));
        assertThat(answer(alice, add)).isInstanceOf(ChatEvent.Accepted.class);
        TestClient byKey = fixture.connect();
        assertThat(byKey.loginWithKey("alice", key)).isInstanceOf(AuthSucceeded.class);
        ScramVerifier next = fixture.verifier(NEW_PASSWORD);

        ChatEvent answer = change(byKey, proof(byKey, ServerFixture.PASSWORD, byKey.channelBinding(), next), next);

        assertThat(answer).isInstanceOf(ChatEvent.Accepted.class);
        assertThat(login("alice", NEW_PASSWORD)).isInstanceOf(AuthSucceeded.class);
    }

    private static ChatEvent.PasswordParams params(TestClient client) throws IOException {
        long id = client.request(ChatRequest.GetPasswordParams::new);
        return client.awaitEvent(ChatEvent.PasswordParams.class, p -> p.requestId() == id);
    }

    /** The proof a client computes: from the account's parameters as the server reports them. */
    private static Bytes proof(TestClient client, String password, Bytes binding, ScramVerifier next) throws IOException {
        ChatEvent.PasswordParams params = params(client);
        try (SecretBytes secret = Passwords.normalise(password.toCharArray())) {
            return PasswordChangeProof.create(params.mechanism(), secret, params.salt(), params.iterations(), binding, next);
        }
    }

    private static ChatEvent change(TestClient client, Bytes proof, ScramVerifier next) throws IOException {
        return answer(client, client.request(id -> new ChatRequest.ChangePassword(id, proof, next)));
    }

    private static ChatEvent answer(TestClient client, long id) {
        return client.awaitEvent(ChatEvent.class, e -> e instanceof ChatEvent.Accepted a && a.requestId() == id
                || e instanceof ChatEvent.Rejected r && r.requestId() == id);
    }

    private static void assertWrongPassword(ChatEvent answer) {
        assertThat(answer).isInstanceOfSatisfying(ChatEvent.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.WRONG_PASSWORD);
            assertThat(r.detail()).isEqualTo("the current password is not correct");
        });
    }

    private AuthMessage login(String user, String password) throws IOException {
        try (TestClient client = fixture.connect()) {
            return client.login(user, password.toCharArray());
        }
    }
}
