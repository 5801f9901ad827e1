package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ClientOptions;
import org.parley.client.ConnectionFailedException;
import org.parley.client.KnownServersFile;
import org.parley.client.LoginFailedException;
import org.parley.client.ParleyClient;
import org.parley.client.RequestFailedException;
import org.parley.client.ServerNotTrustedException;
import org.parley.client.ServerKeyChangedException;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.ParleyServer;

/** Logins, registration and server-key pinning against a real server. */
class AuthenticationEndToEndTest {
    @TempDir
    Path data;

    @Test
    void aKeyAddedAfterRegistrationLogsIn() throws Exception {
        SigningKey key = SignatureAlgorithm.ED25519.create().generate(new SecureRandom());
        try (ParleyServer server = TestServer.start(data.resolve("server")); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "alice's password");
            alice.client().addLoginKey(SignatureComponent.ED25519, key.publicKey()).get(Chatters.seconds(), TimeUnit.SECONDS);
            alice.client().close();

            Chatter again = chatters.loginWithKey("alice", key);

            assertThat(again.name()).isEqualTo("alice");
            long id = again.client().sendRoom("lobby", "signed in with a key").get(Chatters.seconds(), TimeUnit.SECONDS);
            assertThat(id).isPositive();
        }
    }

    @Test
    void aChangedPasswordReplacesTheOldOne() throws Exception {
        try (ParleyServer server = TestServer.start(data.resolve("server")); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "old password");
            char[] current = "old password".toCharArray();
            char[] replacement = "new password".toCharArray();

            alice.client().changePassword(current, replacement).get(Chatters.seconds(), TimeUnit.SECONDS);
            alice.client().close();

            assertThat(current).containsOnly('\0');
            assertThat(replacement).containsOnly('\0');
            assertThat(chatters.login("alice", "new password").name()).isEqualTo("alice");
            Chatter fresh = chatters.connect();
            assertThatThrownBy(() -> fresh.client().login("alice", "old password".toCharArray())
                    .get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(LoginFailedException.class);
        }
    }

    @Test
    void aWrongCurrentPasswordIsRefusedAsWrongPasswordAndTheOldOneStillLogsIn() throws Exception {
        try (ParleyServer server = TestServer.start(data.resolve("server")); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "old password");

            var change = alice.client().changePassword("not my password".toCharArray(), "new password".toCharArray());

            assertThatThrownBy(() -> change.get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(RequestFailedException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_PASSWORD));
            assertThat(alice.client().isConnected()).isTrue();
            alice.client().close();
            assertThat(chatters.login("alice", "old password").name()).isEqualTo("alice");
        }
    }

    @Test
    void aSessionLoggedInWithAKeyChangesThePasswordGivenTheCurrentOne() throws Exception {
        SigningKey key = SignatureAlgorithm.ED25519.create().generate(new SecureRandom());
        try (ParleyServer server = TestServer.start(data.resolve("server")); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "old password");
            alice.client().addLoginKey(SignatureComponent.ED25519, key.publicKey()).get(Chatters.seconds(), TimeUnit.SECONDS);
            alice.client().close();
            Chatter byKey = chatters.loginWithKey("alice", key);

            byKey.client().changePassword("old password".toCharArray(), "new password".toCharArray())
                    .get(Chatters.seconds(), TimeUnit.SECONDS);
            byKey.client().close();

            assertThat(chatters.login("alice", "new password").name()).isEqualTo("alice");
        }
    }

    @Test
    void anUnregisteredKeyIsRefused() throws Exception {
        SigningKey stranger = SignatureAlgorithm.ED25519.create().generate(new SecureRandom());
        try (ParleyServer server = TestServer.start(data.resolve("server")); Chatters chatters = new Chatters(server.address())) {
            chatters.register("alice", "alice's password").client().close();
            Chatter fresh = chatters.connect();

            assertThatThrownBy(() -> fresh.client().loginWithKey("alice", stranger).get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(LoginFailedException.class);
        }
    }

    @Test
    void aWrongPasswordFailsTheLoginAndTheConnectionCloses() throws Exception {
        try (ParleyServer server = TestServer.start(data.resolve("server")); Chatters chatters = new Chatters(server.address())) {
            chatters.register("alice", "alice's password").client().close();
            Chatter fresh = chatters.connect();
            char[] wrong = "not the password".toCharArray();

            var login = fresh.client().login("alice", wrong);

            assertThatThrownBy(() -> login.get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(LoginFailedException.class,
                            e -> assertThat(e.code()).contains(AuthFailureCode.INVALID_CREDENTIALS));
            await().atMost(TestServer.timeout()).untilAsserted(() -> {
                assertThat(fresh.client().isConnected()).isFalse();
                assertThat(fresh.listener().disconnects()).hasSize(1);
            });
            assertThat(wrong).containsOnly('\0');
        }
    }

    @Test
    void aTakenNameIsRefusedAtRegistration() throws Exception {
        try (ParleyServer server = TestServer.start(data.resolve("server")); Chatters chatters = new Chatters(server.address())) {
            chatters.register("alice", "alice's password").client().close();
            Chatter fresh = chatters.connect();

            var registration = fresh.client().register("Alice", "another password".toCharArray(), Optional.empty());

            assertThatThrownBy(() -> registration.get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(LoginFailedException.class);
        }
    }

    @Test
    void theFirstConnectionPinsTheKeyInTheKnownServersFileAndLaterOnesDoNot() throws Exception {
        var known = new KnownServersFile(data.resolve("home/known_servers"));
        try (ParleyServer server = TestServer.start(data.resolve("server"))) {
            ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), known, fp -> true);

            try (ParleyClient first = ParleyClient.connect(options, new RecordingListener()).get(Chatters.seconds(), TimeUnit.SECONDS);
                 ParleyClient second = ParleyClient.connect(options, new RecordingListener()).get(Chatters.seconds(), TimeUnit.SECONDS)) {
                assertThat(first.firstContact()).isTrue();
                assertThat(second.firstContact()).isFalse();
                Fingerprint shown = first.session().serverFingerprint();
                assertThat(known.pinned(options.serverName())).contains(shown);
                assertThat(server.keys()).extracting(k -> k.fingerprint()).contains(shown);
            }
        }
    }

    @Test
    void aFirstContactTheUserDoesNotTrustIsRefusedAndNotPinned() throws Exception {
        var known = new KnownServersFile(data.resolve("home/known_servers"));
        try (ParleyServer server = TestServer.start(data.resolve("server"))) {
            ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), known, fp -> false);

            var connecting = ParleyClient.connect(options, new RecordingListener());

            assertThatThrownBy(() -> connecting.get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ServerNotTrustedException.class);
            assertThat(known.pinned(options.serverName())).isEmpty();
        }
    }

    @Test
    void aServerWhoseKeyChangedIsRefusedWithAnExplanation() throws Exception {
        var known = new KnownServersFile(data.resolve("home/known_servers"));
        try (ParleyServer original = TestServer.start(data.resolve("original"));
             ParleyServer impostor = TestServer.start(data.resolve("impostor"))) {
            String impostorName = "127.0.0.1:" + impostor.address().getPort();
            ClientOptions toOriginal = ClientOptions.defaults("127.0.0.1", original.address().getPort(), known, fp -> true);
            Fingerprint pinned;
            try (ParleyClient client = ParleyClient.connect(toOriginal, new RecordingListener()).get(Chatters.seconds(), TimeUnit.SECONDS)) {
                pinned = client.session().serverFingerprint();
            }
            // The user's pin for the impostor's address is the original server's key: as if the impostor took its place.
            known.pin(impostorName, pinned);
            ClientOptions toImpostor = ClientOptions.defaults("127.0.0.1", impostor.address().getPort(), known, fp -> true);

            var connecting = ParleyClient.connect(toImpostor, new RecordingListener());

            assertThatThrownBy(() -> connecting.get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(ServerKeyChangedException.class, e -> {
                        assertThat(e.pinned()).isEqualTo(pinned);
                        assertThat(e.offered()).isNotEqualTo(pinned);
                        assertThat(e.getMessage()).contains("CHANGED", "intercepting", "remove the line for " + impostorName);
                    });
            assertThat(known.pinned(impostorName)).contains(pinned);
        }
    }
}
