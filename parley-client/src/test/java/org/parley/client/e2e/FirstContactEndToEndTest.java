package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.KnownServersFile;
import org.parley.client.ParleyClient;
import org.parley.client.ServerKeyChangedException;
import org.parley.client.ServerNotTrustedException;
import org.parley.crypto.Bytes;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.ParleyServer;

/** First contact pauses the handshake until the user answers, on one connection, with no thread blocked. */
class FirstContactEndToEndTest {
    @TempDir
    Path data;

    /** A question the test answers later; it records where and about what it was asked. */
    private static final class OpenQuestion implements FirstContactQuestion {
        final CompletableFuture<Boolean> answer = new CompletableFuture<>();
        final List<Fingerprint> asked = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<SignatureComponent> algorithms = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Boolean> trust(String server, SignatureComponent algorithm, Fingerprint offered) {
            asked.add(offered);
            algorithms.add(algorithm);
            threads.add(Thread.currentThread().getName());
            return answer;
        }
    }

    @Test
    void theHandshakeWaitsForTheAnswerAndPinsOnlyAfterTheUserTrustedTheProvenKey() throws Exception {
        var known = new KnownServersFile(data.resolve("home/known_servers"));
        try (ParleyServer server = TestServer.start(data.resolve("server"))) {
            ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), known, fp -> false);
            OpenQuestion question = new OpenQuestion();

            CompletableFuture<ParleyClient> connecting = ParleyClient.connect(options, new RecordingListener(), question);
            await().atMost(TestServer.timeout()).until(() -> !question.asked.isEmpty());
            boolean connectedBeforeAnswer = connecting.isDone();
            boolean pinnedBeforeAnswer = known.pinned(options.serverName()).isPresent();
            question.answer.complete(true);

            try (ParleyClient client = connecting.get(Chatters.seconds(), TimeUnit.SECONDS)) {
                assertThat(connectedBeforeAnswer).isFalse();
                assertThat(pinnedBeforeAnswer).isFalse();
                assertThat(question.asked).containsExactly(client.session().serverFingerprint());
                assertThat(question.threads).containsExactly("parley-client-events");
                assertThat(question.algorithms).containsExactly(client.session().serverKeyAlgorithm());
                assertThat(client.firstContact()).isTrue();
                assertThat(known.pinned(options.serverName())).contains(client.session().serverFingerprint());
                assertThat(server.keys()).extracting(k -> k.fingerprint()).contains(client.session().serverFingerprint());
                client.register("alice", "alice's password".toCharArray(), java.util.Optional.empty())
                        .get(Chatters.seconds(), TimeUnit.SECONDS);
                assertThat(client.isConnected()).isTrue();
            }
        }
    }

    @Test
    void aFirstContactAnsweredNoClosesTheConnectionAndPinsNothing() throws Exception {
        var known = new KnownServersFile(data.resolve("home/known_servers"));
        try (ParleyServer server = TestServer.start(data.resolve("server"))) {
            ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), known, fp -> true);
            OpenQuestion question = new OpenQuestion();

            CompletableFuture<ParleyClient> connecting = ParleyClient.connect(options, new RecordingListener(), question);
            await().atMost(TestServer.timeout()).until(() -> !question.asked.isEmpty());
            question.answer.complete(false);

            assertThatThrownBy(() -> connecting.get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ServerNotTrustedException.class);
            assertThat(known.pinned(options.serverName())).isEmpty();
        }
    }

    @Test
    void aDifferentKeyPinnedByAnotherClientWhileTheUserWasAskedRefusesTheConnection() throws Exception {
        var known = new KnownServersFile(data.resolve("home/known_servers"));
        try (ParleyServer server = TestServer.start(data.resolve("server"))) {
            ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), known, fp -> false);
            OpenQuestion question = new OpenQuestion();
            Fingerprint otherKey = Fingerprint.of(SignatureComponent.ED25519, Bytes.fromHex("02".repeat(32)));

            CompletableFuture<ParleyClient> connecting = ParleyClient.connect(options, new RecordingListener(), question);
            await().atMost(TestServer.timeout()).until(() -> !question.asked.isEmpty());
            // Another process (a second terminal, the desktop) pinned another key for this server meanwhile.
            new KnownServersFile(known.file()).pin(options.serverName(), otherKey);
            question.answer.complete(true);

            assertThatThrownBy(() -> connecting.get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ServerKeyChangedException.class);
            assertThat(known.pinned(options.serverName())).contains(otherKey);
        }
    }

    @Test
    void aKnownServerIsNotAskedAbout() throws Exception {
        var known = new KnownServersFile(data.resolve("home/known_servers"));
        try (ParleyServer server = TestServer.start(data.resolve("server"))) {
            ClientOptions options = ClientOptions.defaults("127.0.0.1", server.address().getPort(), known, fp -> true);
            ParleyClient.connect(options, new RecordingListener()).get(Chatters.seconds(), TimeUnit.SECONDS).close();
            OpenQuestion question = new OpenQuestion();

            try (ParleyClient again = ParleyClient.connect(options, new RecordingListener(), question)
                    .get(Chatters.seconds(), TimeUnit.SECONDS)) {
                assertThat(question.asked).isEmpty();
                assertThat(again.firstContact()).isFalse();
            }
        }
    }
}
