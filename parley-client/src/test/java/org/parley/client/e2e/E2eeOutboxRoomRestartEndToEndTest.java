package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.client.e2e.E2eePrivateMessagesEndToEndTest.register;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.FirstContactQuestion;
import org.parley.client.SendNotConfirmedException;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eSettings;
import org.parley.client.e2ee.SendOutcome;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.ParleyServer;

/**
 * An encrypted-room message whose answer was lost when the client stopped (docs/E2EE.md 20.7):
 * kept in the device's outbox, sent again once by the next start with the same send id and
 * bytes, stored in the room exactly once, reported as {@link E2eEvent.RoomSendSettled}; the next
 * message starts a new sender chain, so no chain iteration is used twice.
 */
class E2eeOutboxRoomRestartEndToEndTest {
    private static final String ROOM = "den";
    private static final int LONG = 3_000;
    private static final String LOST = "lost answer " + "x".repeat(LONG);

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aRoomMessageStoredButUnansweredWhenTheClientStoppedIsStoredOnceAfterTheNextStart() throws Exception {
        sendLoseAndRestart(LosingProxy.Loss.AFTER_THE_SERVER);
    }

    @Test
    void aRoomMessageTheServerNeverSawBeforeTheClientStoppedIsDeliveredOnceAfterTheNextStart() throws Exception {
        sendLoseAndRestart(LosingProxy.Loss.BEFORE_THE_SERVER);
    }

    @Test
    void aRoomMessageWhoseChainWasNotStoredBeforeTheClientStoppedIsSentAndTheNextStartsANewChain() throws Exception {
        sendLoseAndRestart(LosingProxy.Loss.BEFORE_THE_SERVER, true);
    }

    @Test
    void aKeptRoomMessageSealedOnADeviceTheAccountRemovedMeanwhileIsRefusedAndNeverReachesTheRoom() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            register(server, "alice", "bob");
            try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob",
                    "passphrase of bob")) {
                try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(alice(proxy.address()), "alice", "passphrase of alice")) {
                    E2eeRoomsEndToEndTest.roomOf(alice, bob);
                    alice.await(alice.session.sendRoom(ROOM, "before"));
                    proxy.arm(LONG, LosingProxy.Loss.BEFORE_THE_SERVER, () -> { });
                    CompletableFuture<E2eRoomMessage> sending = alice.session.sendRoom(ROOM, LOST);
                    assertThat(proxy.awaitTriggered(TestServer.timeout())).isTrue();
                    proxy.cutAndRelease();
                    assertThrows(ExecutionException.class, () -> alice.await(sending));
                }
                // Alice removes that device from another one: the kept envelope was sealed with its chain.
                try (E2eDeviceUnderTest other = E2eDeviceUnderTest.start(server.address(), devices.resolve("a2"), "alice",
                        "passphrase of alice")) {
                    long removed = other.await(other.session.devices()).stream()
                            .mapToLong(org.parley.protocol.chat.DeviceInfo::deviceId)
                            .filter(id -> id != other.session.deviceId()).findFirst().orElseThrow();
                    other.await(other.session.removeDevice(removed));
                }

                try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(alice(server.address()), "alice", "passphrase of alice")) {
                    await().atMost(TestServer.timeout())
                            .until(() -> alice.events.stream().anyMatch(E2eEvent.RoomSendSettled.class::isInstance));
                    E2eEvent.RoomSendSettled settled = alice.events.stream().filter(E2eEvent.RoomSendSettled.class::isInstance)
                            .map(E2eEvent.RoomSendSettled.class::cast).findFirst().orElseThrow();

                    assertThat(settled.outcome()).isEqualTo(SendOutcome.REFUSED);
                    assertThat(settled.message().text()).isEqualTo(LOST);
                    assertThat(stored(bob)).hasSize(1);
                    assertThat(bob.roomTexts()).containsExactly("before");
                    assertThat(bob.roomProblems()).isEmpty();
                }
            }
        }
    }

    private void sendLoseAndRestart(LosingProxy.Loss loss) throws Exception {
        sendLoseAndRestart(loss, false);
    }

    /**
     * With {@code stoppedBeforeTheStateWasStored}, the room's stored state is put back as it was
     * before the lost message was encrypted: as the device leaves it if it stops between writing
     * the outbox entry and storing the advanced chain.
     */
    private void sendLoseAndRestart(LosingProxy.Loss loss, boolean stoppedBeforeTheStateWasStored) throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            register(server, "alice", "bob");
            try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob",
                    "passphrase of bob")) {
                try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(alice(proxy.address()), "alice", "passphrase of alice")) {
                    E2eeRoomsEndToEndTest.roomOf(alice, bob);
                    alice.await(alice.session.sendRoom(ROOM, "before"));
                    stateBefore = java.nio.file.Files.readAllBytes(roomState());
                    proxy.arm(LONG, loss, () -> { });
                    CompletableFuture<E2eRoomMessage> sending = alice.session.sendRoom(ROOM, LOST);
                    if (loss == LosingProxy.Loss.AFTER_THE_SERVER) {
                        await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains(LOST));
                    }
                    assertThat(proxy.awaitTriggered(TestServer.timeout())).isTrue();
                    proxy.cutAndRelease();
                    ExecutionException failed = assertThrows(ExecutionException.class, () -> alice.await(sending));
                    assertThat(failed.getCause()).isInstanceOf(SendNotConfirmedException.class);
                    assertThat(((SendNotConfirmedException) failed.getCause()).keptForNextStart()).isTrue();
                }
                if (stoppedBeforeTheStateWasStored) {
                    java.nio.file.Files.write(roomState(), stateBefore);
                }

                try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(alice(server.address()), "alice", "passphrase of alice")) {
                    await().atMost(TestServer.timeout())
                            .until(() -> alice.events.stream().anyMatch(E2eEvent.RoomSendSettled.class::isInstance));
                    E2eEvent.RoomSendSettled settled = alice.events.stream().filter(E2eEvent.RoomSendSettled.class::isInstance)
                            .map(E2eEvent.RoomSendSettled.class::cast).findFirst().orElseThrow();
                    alice.await(alice.session.sendRoom(ROOM, "after"));
                    await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("after"));

                    assertThat(settled.outcome()).isEqualTo(SendOutcome.SENT);
                    assertThat(settled.conversation()).isEqualTo(ROOM);
                    assertThat(settled.message().text()).isEqualTo(LOST);
                    assertThat(bob.roomTexts()).containsExactly("before", LOST, "after");
                    assertThat(bob.roomProblems()).isEmpty();
                    assertThat(stored(bob)).hasSize(3);
                    assertThat(stored(bob)).extracting(StoredMessage::id).contains(settled.message().serverId());
                    assertThat(alice.await(alice.session.roomHistory(ROOM))).extracting(E2eRoomMessage::text)
                            .containsExactly("before", LOST, "after");
                }
            }
        }
    }

    private byte[] stateBefore;

    /** Alice's stored state of the room (its log and her sender chain). */
    private Path roomState() throws Exception {
        try (var all = java.nio.file.Files.walk(devices.resolve("a1"))) {
            return all.filter(p -> p.getFileName().toString().equals("state") && p.getParent().getParent()
                    .getFileName().toString().equals("rooms")).findFirst().orElseThrow();
        }
    }

    private static List<StoredMessage> stored(E2eDeviceUnderTest bob) throws Exception {
        return bob.await(bob.session.call(c -> c.history(new Conversation.InRoom(ROOM), 0, 100))).messages().stream()
                .filter(m -> m.contentType() == ContentType.OPAQUE).toList();
    }

    /** Alice's device at {@code address}, without reconnecting (a lost connection ends the session, as a stopped client). */
    private SessionSettings alice(java.net.InetSocketAddress address) {
        Path directory = devices.resolve("a1");
        return new SessionSettings(E2eDeviceUnderTest.settings(address, directory).client(),
                FirstContactQuestion.answeredBy(fp -> true), Runnable::run, Optional.empty())
                .withE2e(E2eSettings.in(directory).withDeviceName("a1"));
    }
}
