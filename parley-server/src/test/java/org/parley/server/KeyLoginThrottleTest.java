package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * Key login cannot be guessed, so the per-account throttle (which exists against online password
 * guessing) does not apply to it: someone spending an account's password attempts cannot lock its
 * owner's key out. The per-address throttle still bounds key logins.
 */
class KeyLoginThrottleTest {
    private static final char[] WRONG = "wrong password".toCharArray();
    private static final char[] RIGHT = ServerFixture.PASSWORD.toCharArray();
    private final SigningKey key = SignatureComponent.ED25519.algorithm().create().generate(new SecureRandom());
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    @Test
    void aKeyLoginSucceedsWhilePasswordGuessesHaveUsedUpTheAccountsAttempts() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(2, 100));
        registerWithKey("alice");
        assertThat(passwordLogin("alice", WRONG)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
        assertThat(passwordLogin("alice", WRONG)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
        assertThat(passwordLogin("alice", RIGHT)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));

        assertThat(keyLogin("alice")).isInstanceOf(AuthSucceeded.class);
        assertThat(passwordLogin("alice", RIGHT)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
    }

    @Test
    void keyLoginsAreStillBoundedPerAddress() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(100, 3));
        registerWithKey("alice");
        assertThat(keyLogin("alice")).isInstanceOf(AuthSucceeded.class);
        assertThat(keyLogin("alice")).isInstanceOf(AuthSucceeded.class);

        assertThat(keyLogin("alice")).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
    }

    /** Registers {@code user} (one attempt from this address) and adds {@link #key} to the account. */
    private void registerWithKey(String user) throws Exception {
        try (TestClient client = fixture.registered(user)) {
            long add = client.request(id -> new ChatRequest.AddLoginKey(id, SignatureComponent.ED25519, key.publicKey()));
            assertThat(client.awaitEvent(ChatEvent.class, e -> e instanceof ChatEvent.Accepted a && a.requestId() == add
                    || e instanceof ChatEvent.Rejected r && r.requestId() == add)).isInstanceOf(ChatEvent.Accepted.class);
        }
    }

    private AuthMessage passwordLogin(String user, char[] password) throws Exception {
        try (TestClient client = fixture.connect()) {
            return client.login(user, password);
        }
    }

    private AuthMessage keyLogin(String user) throws Exception {
        try (TestClient client = fixture.connect()) {
            return client.loginWithKey(user, key);
        }
    }
}
