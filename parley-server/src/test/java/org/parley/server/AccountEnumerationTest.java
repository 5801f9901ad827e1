package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthMethod;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.RegistrationRejection;
import org.parley.protocol.auth.ScramClient;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramServerFirst;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.ops.Operator;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * Issue 11 section 3 over real connections: the answers to login and registration do not tell
 * whether a name exists, and a login reports the account's registered spelling.
 * (The timing side is measured by {@code auth.EnumerationTimingBenchmark}.)
 */
class AccountEnumerationTest {
    private final SecureRandom random = new SecureRandom();
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    @Test
    void anUnknownNameGetsTheSameSaltAndIterationsWhateverItsCase() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(100, 100));

        String lower = serverFirst("ghost");
        String upper = serverFirst("GHOST");

        assertThat(saltAndIterations(upper)).isEqualTo(saltAndIterations(lower));
        assertThat(saltAndIterations(serverFirst("ghost"))).isEqualTo(saltAndIterations(lower));
        assertThat(saltAndIterations(serverFirst("ghosts"))).isNotEqualTo(saltAndIterations(lower));
    }

    @Test
    void aKnownNameGetsItsRealSaltWhateverItsCase() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(100, 100));
        fixture.registered("Alice").close();

        assertThat(saltAndIterations(serverFirst("ALICE"))).isEqualTo(saltAndIterations(serverFirst("alice")));
    }

    @Test
    void aPasswordLoginAsNAMEReportsTheRegisteredSpelling() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(100, 100));
        fixture.registered("Alice").close();

        try (TestClient client = fixture.connect()) {
            assertThat(client.login("ALICE", ServerFixture.PASSWORD.toCharArray()))
                    .isEqualTo(new AuthSucceeded("Alice", AuthMethod.SCRAM_SHA_256));
        }
    }

    @Test
    void aKeyLoginAsNAMEReportsTheRegisteredSpelling() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(100, 100));
        SigningKey key = SignatureComponent.ED25519.algorithm().create().generate(random);
        try (TestClient alice = fixture.registered("Alice")) {
            long add = alice.request(id -> new ChatRequest.AddLoginKey(id, SignatureComponent.ED25519, key.publicKey()));
            alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == add);
        }

        try (TestClient client = fixture.connect()) {
            assertThat(client.loginWithKey("ALICE", key)).isEqualTo(new AuthSucceeded("Alice", AuthMethod.PUBLIC_KEY));
        }
    }

    @Test
    void inviteOnlyRegistrationChecksTheInviteBeforeTheName() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(100, 100), RegistrationPolicy.INVITE);
        List<String> invites;
        try (Operator operator = Operator.open(fixture.dataDirectory())) {
            invites = operator.createInvites(2, Duration.ofDays(1));
        }
        assertThat(register("alice", Optional.of(invites.get(0)))).isInstanceOf(AuthSucceeded.class);

        AuthMessage takenWithoutInvite = register("ALICE", Optional.of("not-an-invite"));
        AuthMessage freeWithoutInvite = register("nobody", Optional.of("not-an-invite"));
        AuthMessage takenWithUsedInvite = register("alice", Optional.of(invites.get(0)));
        AuthMessage takenWithInvite = register("ALICE", Optional.of(invites.get(1)));

        AuthFailed inviteInvalid = AuthFailed.registrationRejected(RegistrationRejection.INVITE_INVALID);
        assertThat(takenWithoutInvite).isEqualTo(inviteInvalid);
        assertThat(freeWithoutInvite).isEqualTo(inviteInvalid);
        assertThat(takenWithUsedInvite).isEqualTo(inviteInvalid);
        assertThat(takenWithInvite).isEqualTo(AuthFailed.registrationRejected(RegistrationRejection.USERNAME_TAKEN));
        assertThat(register("bob", Optional.of(invites.get(1))))
                .as("an invite refused for a taken name is not used up").isInstanceOf(AuthSucceeded.class);
    }

    private String serverFirst(String user) throws Exception {
        try (TestClient client = fixture.connect();
             SecretBytes password = Passwords.normalise("irrelevant".toCharArray());
             ScramClient scram = ScramClient.start(ScramMechanism.SCRAM_SHA_256, user, password, client.channelBinding(),
                     random)) {
            client.sendAuth(scram.firstMessage());
            return ((ScramServerFirst) client.nextAuthMessage()).text();
        }
    }

    /** The server-first text without its nonce: "s=...,i=...". */
    private static String saltAndIterations(String serverFirst) {
        return serverFirst.substring(serverFirst.indexOf(",s=") + 1);
    }

    private AuthMessage register(String user, Optional<String> invite) throws Exception {
        try (TestClient client = fixture.connect()) {
            client.register(user, fixture.verifier(ServerFixture.PASSWORD), invite);
            return client.nextAuthMessage();
        }
    }
}
