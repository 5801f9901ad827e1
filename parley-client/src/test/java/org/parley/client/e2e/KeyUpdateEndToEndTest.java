package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ConnectionFailedException;
import org.parley.client.KeyUpdates;
import org.parley.server.ParleyServer;

/** A client ratchets its keys on request, sees the server's answer counted, and keeps chatting under the new keys. */
class KeyUpdateEndToEndTest {
    @TempDir
    Path data;

    @Test
    void aFreshSessionHasNoKeyUpdates() throws Exception {
        try (ParleyServer server = TestServer.start(data); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "alice's password");

            assertThat(alice.client().keyUpdates()).isEqualTo(KeyUpdates.NONE);
            assertThat(alice.listener().keyUpdates()).isEmpty();
        }
    }

    @Test
    void anUpdateIsCountedBothWaysAndReportedToTheListener() throws Exception {
        try (ParleyServer server = TestServer.start(data); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "alice's password");

            KeyUpdates afterOurs = alice.client().updateKeys().get(Chatters.seconds(), TimeUnit.SECONDS);

            assertThat(afterOurs.sent()).isEqualTo(1);
            await().atMost(TestServer.timeout()).untilAsserted(
                    () -> assertThat(alice.client().keyUpdates()).isEqualTo(new KeyUpdates(1, 1)));
            await().atMost(TestServer.timeout()).untilAsserted(
                    () -> assertThat(alice.listener().keyUpdates()).last().isEqualTo(new KeyUpdates(1, 1)));
        }
    }

    @Test
    void messagesFlowBothWaysUnderTheNewKeys() throws Exception {
        try (ParleyServer server = TestServer.start(data); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "alice's password");
            Chatter bob = chatters.register("bob", "bob's password");
            alice.client().join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);
            bob.client().join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);

            for (int round = 1; round <= 3; round++) {
                alice.client().updateKeys().get(Chatters.seconds(), TimeUnit.SECONDS);
                alice.client().sendRoom("lobby", "after update " + round).get(Chatters.seconds(), TimeUnit.SECONDS);
            }

            await().atMost(TestServer.timeout()).untilAsserted(() -> assertThat(bob.listener().roomTexts(false))
                    .containsSubsequence("after update 1", "after update 2", "after update 3"));
            await().atMost(TestServer.timeout()).untilAsserted(
                    () -> assertThat(alice.client().keyUpdates()).isEqualTo(new KeyUpdates(3, 3)));
            assertThat(alice.client().isConnected()).isTrue();
        }
    }

    @Test
    void updatingKeysAfterTheConnectionClosedFailsClearly() throws Exception {
        try (ParleyServer server = TestServer.start(data); Chatters chatters = new Chatters(server.address())) {
            Chatter alice = chatters.register("alice", "alice's password");
            alice.client().close();
            await().atMost(TestServer.timeout()).until(() -> !alice.client().isConnected());

            assertThatThrownBy(() -> alice.client().updateKeys().get(Chatters.seconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConnectionFailedException.class);
        }
    }
}
