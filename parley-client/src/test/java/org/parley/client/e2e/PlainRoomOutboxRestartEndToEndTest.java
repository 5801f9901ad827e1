package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.client.e2e.E2eePrivateMessagesEndToEndTest.register;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleySession;
import org.parley.client.SendNotConfirmedException;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eSettings;
import org.parley.client.e2ee.SendOutcome;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.StoredMessage;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.server.ParleyServer;

/**
 * A plaintext-room message whose answer was lost when the client stopped (docs/E2EE.md 20.3): a
 * session with an end-to-end device keeps it in the device's outbox, the session's close says so
 * ({@link SendNotConfirmedException#keptForNextStart()}), and the next start on that device sends it
 * again with the same send id and text before any new message, so that the room stores it once,
 * and reports how it ended as an {@link E2eEvent.RoomTextSettled}.
 */
class PlainRoomOutboxRestartEndToEndTest {
    private static final String ROOM = "lobby";
    /** Longer than any other request the session makes. */
    private static final int LONG = 3_000;
    private static final String LOST = "lost answer " + "x".repeat(LONG);

    @TempDir
    Path data;
    @TempDir
    Path devices;

    private final MovableClock clock = new MovableClock();

    @Test
    void aMessageTheServerStoredButWhoseAnswerNeverArrivedIsNotStoredAgainAtTheNextStartAndIsReportedWithItsFirstId()
            throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address());
             Chatters chatters = new Chatters(server.address())) {
            Chatter bob = aliceAndBobInTheRoom(server, chatters);
            try (ParleySession alice = alice(proxy.address(), E2eDeviceUnderTest.recorder())) {
                proxy.arm(LONG, LosingProxy.Loss.AFTER_THE_SERVER, () -> { });
                CompletableFuture<Long> sending = alice.sendRoomText(ROOM, LOST);
                await().atMost(TestServer.timeout()).until(() -> stored(bob, LOST).size() == 1);
                assertThat(proxy.awaitTriggered(TestServer.timeout())).isTrue();
                proxy.cutAndRelease();
                assertKeptForTheNextStart(sending);
            }
            long firstId = stored(bob, LOST).getFirst().id();

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                E2eEvent.RoomTextSettled settled = settled(restarted);

                assertThat(settled.outcome()).isEqualTo(SendOutcome.SENT);
                assertThat(settled.serverId()).isEqualTo(firstId);
                assertThat(settled.conversation()).isEqualTo(ROOM);
                assertThat(settled.text()).isEqualTo(LOST);
                assertThat(stored(bob, LOST)).hasSize(1);
                await().atMost(TestServer.timeout()).until(() -> outboxFiles().isEmpty());
            }
        }
    }

    @Test
    void aMessageThatNeverLeftBeforeTheClientStoppedIsDeliveredOnceAtTheNextStartBeforeANewOne() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address());
             Chatters chatters = new Chatters(server.address())) {
            Chatter bob = aliceAndBobInTheRoom(server, chatters);
            loseWhenTheClientStops(proxy, bob);

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                long after = alice.sendRoomText(ROOM, "after").get(Chatters.seconds(), TimeUnit.SECONDS);
                E2eEvent.RoomTextSettled settled = settled(restarted);

                assertThat(settled.outcome()).isEqualTo(SendOutcome.SENT);
                assertThat(stored(bob, LOST)).extracting(StoredMessage::id).containsExactly(settled.serverId());
                assertThat(settled.serverId()).isLessThan(after);
                await().atMost(TestServer.timeout()).until(() -> outboxFiles().isEmpty());
            }
        }
    }

    @Test
    void aKeptMessageFirstTriedMoreThanFiveMinutesAgoIsNotSentAndIsReportedAsMaybeDelivered() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address());
             Chatters chatters = new Chatters(server.address())) {
            Chatter bob = aliceAndBobInTheRoom(server, chatters);
            loseWhenTheClientStops(proxy, bob);
            clock.move(Duration.ofMinutes(5).plusSeconds(1));

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                E2eEvent.RoomTextSettled settled = settled(restarted);

                assertThat(settled.outcome()).isEqualTo(SendOutcome.NOT_CONFIRMED);
                assertThat(settled.text()).isEqualTo(LOST);
                await().atMost(TestServer.timeout()).until(() -> outboxFiles().isEmpty());
                alice.sendRoomText(ROOM, "after").get(Chatters.seconds(), TimeUnit.SECONDS);
                assertThat(stored(bob, LOST)).isEmpty();
            }
        }
    }

    /** Alice sends {@link #LOST} through {@code proxy}, which cuts the connection before the server sees it; her session ends. */
    private void loseWhenTheClientStops(LosingProxy proxy, Chatter bob) throws Exception {
        try (ParleySession alice = alice(proxy.address(), E2eDeviceUnderTest.recorder())) {
            proxy.arm(LONG, LosingProxy.Loss.BEFORE_THE_SERVER, () -> { });
            CompletableFuture<Long> sending = alice.sendRoomText(ROOM, LOST);
            assertKeptForTheNextStart(sending);
        }
        assertThat(stored(bob, LOST)).isEmpty();
        assertThat(outboxFiles()).hasSize(1);
    }

    private static void assertKeptForTheNextStart(CompletableFuture<Long> sending) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> sending.get(Chatters.seconds(), TimeUnit.SECONDS));
        assertThat(failed.getCause()).isInstanceOfSatisfying(SendNotConfirmedException.class,
                e -> assertThat(e.keptForNextStart()).isTrue());
    }

    /** Both registered; alice has a device (her first session joins the room) and bob reads the room. */
    private Chatter aliceAndBobInTheRoom(ParleyServer server, Chatters chatters) throws Exception {
        register(server, "alice");
        try (ParleySession alice = alice(server.address(), E2eDeviceUnderTest.recorder())) {
            alice.join(ROOM).get(Chatters.seconds(), TimeUnit.SECONDS);
        }
        Chatter bob = chatters.register("bob", "passphrase of bob");
        bob.client().join(ROOM).get(Chatters.seconds(), TimeUnit.SECONDS);
        return bob;
    }

    private static E2eEvent.RoomTextSettled settled(E2eDeviceUnderTest recorder) {
        await().atMost(TestServer.timeout())
                .until(() -> recorder.events.stream().anyMatch(E2eEvent.RoomTextSettled.class::isInstance));
        return recorder.events.stream().filter(E2eEvent.RoomTextSettled.class::isInstance)
                .map(E2eEvent.RoomTextSettled.class::cast).findFirst().orElseThrow();
    }

    /** The room's stored messages with {@code text}, as bob reads its history. */
    private static List<StoredMessage> stored(Chatter bob, String text) throws Exception {
        return bob.client().history(new Conversation.InRoom(ROOM), 0, 200).get(Chatters.seconds(), TimeUnit.SECONDS)
                .messages().stream().filter(m -> Texts.of(m).equals(text)).toList();
    }

    /** The entries in alice's outbox. */
    private List<Path> outboxFiles() throws Exception {
        try (Stream<Path> all = Files.walk(devices.resolve("a1"))) {
            return all.filter(p -> p.getParent().getFileName().toString().equals("outbox")
                    && p.getFileName().toString().matches("[0-9]{20}")).toList();
        }
    }

    /** Alice's session at {@code address} on device a1, without reconnecting (a lost connection ends it, as a stopped client). */
    private ParleySession alice(InetSocketAddress address, E2eDeviceUnderTest recorder) throws Exception {
        Path directory = devices.resolve("a1");
        ClientOptions options = ClientOptions.defaults("127.0.0.1", address.getPort(), new InMemoryPinStore(), fp -> true);
        SessionSettings settings = new SessionSettings(options, FirstContactQuestion.answeredBy(fp -> true), Runnable::run,
                Optional.empty()).withE2e(E2eSettings.in(directory).withDeviceName("a1").withClock(clock));
        return ParleySession.start(settings, new ForwardingListener(recorder, new java.util.concurrent.CopyOnWriteArrayList<>()),
                "alice", c -> c.login("alice", "passphrase of alice".toCharArray())).get(Chatters.seconds(), TimeUnit.SECONDS);
    }

    /** The system clock, moved forward by hand. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void move(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("one zone is enough here");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
