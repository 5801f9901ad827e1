package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.client.e2e.E2eePrivateMessagesEndToEndTest.register;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.E2eMessage;
import org.parley.e2ee.session.RatchetView;
import org.parley.server.ParleyServer;

/**
 * Issue 8: alice and bob start a session to each other at the same time (neither has one, each
 * sends before it has received the other's first message). Both messages are read, and after the
 * next messages both send on one session (docs/E2EE.md §18).
 */
class E2eeSimultaneousStartEndToEndTest {
    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void crossedFirstMessagesAreBothReadAndBothSidesThenSendOnOneSession() throws Exception {
        try (ParleyServer server = TestServer.start(data); PausingProxy toBob = new PausingProxy(server.address())) {
            register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                 E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(toBob.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                // Alice's first message is on its way to bob but held, so bob starts his own session
                // before he can see hers; alice has started hers before bob's first message exists.
                toBob.pause();
                alice.send("bob", "first from alice");
                CompletableFuture<E2eMessage> bobsFirst = bob.session.sendPrivate("alice", "first from bob");
                toBob.resume();
                bobsFirst.get(Chatters.seconds(), TimeUnit.SECONDS);

                awaitText(bob, "first from alice");
                awaitText(alice, "first from bob");
                alice.send("bob", "second from alice");
                awaitText(bob, "second from alice");
                bob.send("alice", "second from bob");
                awaitText(alice, "second from bob");
                alice.send("bob", "third from alice");
                awaitText(bob, "third from alice");

                RatchetView alicesSession = current(alice, "bob");
                RatchetView bobsSession = current(bob, "alice");
                assertThat(alice.texts()).containsExactly("first from bob", "second from bob");
                assertThat(bob.texts()).containsExactly("first from alice", "second from alice", "third from alice");
                assertThat(alicesSession.messagesSent()).as("alice sends on the session bob receives on").isEqualTo(bobsSession.messagesReceived());
                assertThat(bobsSession.messagesSent()).as("bob sends on the session alice receives on").isEqualTo(alicesSession.messagesReceived());
                assertThat(alicesSession.messagesSent()).isEqualTo(2);
            }
        }
    }

    private static void awaitText(E2eDeviceUnderTest device, String text) {
        await().atMost(TestServer.timeout()).untilAsserted(
                () -> assertThat(device.texts()).as("events %s", device.events).contains(text));
    }

    private static RatchetView current(E2eDeviceUnderTest device, String peer) throws Exception {
        return device.session.ratchetView(peer).get(Chatters.seconds(), TimeUnit.SECONDS).getFirst().ratchet().orElseThrow();
    }
}
