package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.auth.PublicKeyLogin;
import org.parley.protocol.auth.PublicKeyLoginSigner;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * A key login with a signature algorithm that is never allowed for login keys is answered with
 * {@code unsupported_method}, the same for an existing and an unknown user; a login with an
 * allowed algorithm but the wrong key is still {@code invalid_credentials}.
 */
class KeyLoginAlgorithmTest {
    private final SecureRandom random = new SecureRandom();
    private final SigningKey aliceKey = SignatureComponent.ED25519.algorithm().create().generate(random);
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    @Test
    void aDisallowedAlgorithmGetsTheSameUnsupportedMethodAnswerForAKnownAndAnUnknownUser() throws Exception {
        fixture.start(ServerLimits.defaults());
        registerWithKey("alice");
        SigningKey ed448 = SignatureComponent.ED448.algorithm().create().generate(random);

        AuthMessage known = ed448Login("alice", ed448);
        AuthMessage unknown = ed448Login("nobody", ed448);

        assertThat(known).isEqualTo(AuthFailed.of(AuthFailureCode.UNSUPPORTED_METHOD));
        assertThat(unknown).isEqualTo(known);
    }

    @Test
    void anAllowedAlgorithmWithTheWrongKeyIsStillInvalidCredentials() throws Exception {
        fixture.start(ServerLimits.defaults());
        registerWithKey("alice");
        SigningKey mallory = SignatureComponent.ED25519.algorithm().create().generate(random);

        assertThat(keyLogin("alice", mallory)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
        assertThat(keyLogin("nobody", mallory)).isEqualTo(AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS));
        assertThat(keyLogin("alice", aliceKey)).isInstanceOf(AuthSucceeded.class);
    }

    /** A correctly signed login with an Ed448 key, which the client library's signer refuses to make. */
    private AuthMessage ed448Login(String user, SigningKey ed448) throws Exception {
        try (TestClient client = fixture.connect()) {
            Bytes signed = PublicKeyLoginSigner.signedMessage(user, SignatureComponent.ED448, ed448.publicKey(),
                    client.channelBinding());
            client.sendAuth(new PublicKeyLogin(user, SignatureComponent.ED448, ed448.publicKey(), ed448.sign(signed, random)));
            return client.nextAuthMessage();
        }
    }

    private AuthMessage keyLogin(String user, SigningKey key) throws Exception {
        try (TestClient client = fixture.connect()) {
            return client.loginWithKey(user, key);
        }
    }

    private void registerWithKey(String user) throws Exception {
        try (TestClient client = fixture.registered(user)) {
            long add = client.request(id -> new ChatRequest.AddLoginKey(id, SignatureComponent.ED25519, aliceKey.publicKey()));
            assertThat(client.awaitEvent(ChatEvent.class, e -> e instanceof ChatEvent.Accepted a && a.requestId() == add
                    || e instanceof ChatEvent.Rejected r && r.requestId() == add)).isInstanceOf(ChatEvent.Accepted.class);
        }
    }
}
