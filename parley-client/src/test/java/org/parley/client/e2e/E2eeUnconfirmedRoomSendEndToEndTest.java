package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.client.e2e.E2eePrivateMessagesEndToEndTest.register;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Backoff;
import org.parley.client.FirstContactQuestion;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eSettings;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.ParleyServer;

/**
 * An encrypted-room message whose answer the network lost (docs/E2EE.md, "Unconfirmed sends"):
 * sent again once after the reconnect with the same send id, stored in the room exactly once.
 */
class E2eeUnconfirmedRoomSendEndToEndTest {
    private static final String ROOM = "den";
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    /** Longer than any other request a room send makes once the sender's chain is distributed. */
    private static final int LONG = 3_000;
    private static final String LOST = "lost answer " + "x".repeat(LONG);

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aRoomMessageStoredButUnansweredIsSentAgainAfterTheReconnectAndStoredOnce() throws Exception {
        sendAndLose(LosingProxy.Loss.AFTER_THE_SERVER);
    }

    @Test
    void aRoomMessageTheServerNeverSawIsSentAgainAfterTheReconnectAndStoredOnce() throws Exception {
        sendAndLose(LosingProxy.Loss.BEFORE_THE_SERVER);
    }

    private void sendAndLose(LosingProxy.Loss loss) throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(aliceThrough(proxy), "alice", "passphrase of alice");
                 E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob",
                         "passphrase of bob")) {
                E2eeRoomsEndToEndTest.roomOf(alice, bob);
                // Distributes alice's chain: the send below is the room envelope alone.
                alice.await(alice.session.sendRoom(ROOM, "before"));
                proxy.arm(LONG, loss, () -> { });
                CompletableFuture<E2eRoomMessage> sending = alice.session.sendRoom(ROOM, LOST);
                if (loss == LosingProxy.Loss.AFTER_THE_SERVER) {
                    await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains(LOST));
                }
                assertThat(proxy.awaitTriggered(TestServer.timeout())).isTrue();
                proxy.cutAndRelease();

                E2eRoomMessage sent = alice.await(sending);
                alice.await(alice.session.sendRoom(ROOM, "after"));
                await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("after"));

                assertThat(sent.text()).isEqualTo(LOST);
                assertThat(bob.roomTexts()).containsExactly("before", LOST, "after");
                assertThat(stored(bob)).hasSize(3);
                assertThat(stored(bob)).extracting(StoredMessage::id).contains(sent.serverId());
                assertThat(alice.await(alice.session.roomHistory(ROOM))).extracting(E2eRoomMessage::text)
                        .containsExactly("before", LOST, "after");
            }
        }
    }

    /** The room's stored (opaque) messages as the server gives them to bob. */
    private static List<StoredMessage> stored(E2eDeviceUnderTest bob) throws Exception {
        return bob.await(bob.session.call(c -> c.history(new Conversation.InRoom(ROOM), 0, 100))).messages().stream()
                .filter(m -> m.contentType() == ContentType.OPAQUE).toList();
    }

    private SessionSettings aliceThrough(LosingProxy proxy) {
        Path directory = devices.resolve("a1");
        return new SessionSettings(E2eDeviceUnderTest.settings(proxy.address(), directory).client(),
                FirstContactQuestion.answeredBy(fp -> true), Runnable::run, Optional.of(QUICK))
                .withE2e(E2eSettings.in(directory).withDeviceName("a1"));
    }
}
