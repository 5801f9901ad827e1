package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.client.e2e.E2eePrivateMessagesEndToEndTest.register;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Backoff;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleySession;
import org.parley.client.SendNotConfirmedException;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.E2eSettings;
import org.parley.client.e2ee.UnconfirmedSends;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.suite.Preset;
import org.parley.server.ParleyServer;

/**
 * A private message whose answer the network lost (docs/E2EE.md, "Unconfirmed sends"): the
 * caller's future waits, the session reconnects, the device sends it again once with the same
 * send id, and the server holds it for the peer exactly once whether or not it had stored the
 * first. Bob stays offline until the end, so that every envelope stored for him is still queued.
 */
class E2eeUnconfirmedSendEndToEndTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    /** Longer than any other request a send makes (device lists, bundles are asked for by name). */
    private static final int LONG = 3_000;
    private static final String LOST = "lost answer " + "x".repeat(LONG);
    /** Short enough to wait for, long enough for every other request of the test on a busy machine. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path data;
    @TempDir
    Path devices;

    private final MovableClock clock = new MovableClock();

    @Test
    void aSendStoredButUnansweredIsSentAgainAfterTheReconnectAndStoredOnce() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            try (ParleySession alice = alice(proxy, Optional.of(QUICK))) {
                proxy.arm(LONG, LosingProxy.Loss.AFTER_THE_SERVER, () -> { });
                CompletableFuture<E2eMessage> sending = alice.sendPrivate("bob", LOST);
                await().atMost(TestServer.timeout()).until(() -> queuedFor("bob") == 1);
                proxy.cutAndRelease();

                E2eMessage sent = sending.get(Chatters.seconds(), TimeUnit.SECONDS);
                alice.sendPrivate("bob", "after").get(Chatters.seconds(), TimeUnit.SECONDS);

                assertThat(sent.text()).isEqualTo(LOST);
                assertThat(queuedFor("bob")).isEqualTo(2);
                assertThat(alice.history("bob").get(Chatters.seconds(), TimeUnit.SECONDS))
                        .extracting(E2eMessage::text).containsExactly(LOST, "after");
            }
            bobReadsExactlyTheLostMessageAndTheNext(server);
        }
    }

    @Test
    void aSendWhoseRequestTimedOutOnAConnectionThatStaysUpIsSentAgainBeforeTheNextSend() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            try (ParleySession alice = alice(quickToGiveUp(proxy), Optional.of(QUICK))) {
                CompletableFuture<E2eMessage> sending = sendWithTheAnswerHeld(alice, proxy);
                // The device's worker is free again once the request timed out (the answer still held).
                alice.history("bob").get(Chatters.seconds() + REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                boolean pendingAfterTheTimeout = !sending.isDone();
                proxy.release();

                alice.sendPrivate("bob", "after").get(Chatters.seconds(), TimeUnit.SECONDS);
                E2eMessage sent = sending.get(Chatters.seconds(), TimeUnit.SECONDS);

                assertThat(pendingAfterTheTimeout).isTrue();
                assertThat(sent.text()).isEqualTo(LOST);
                assertThat(queuedFor("bob")).isEqualTo(2);
                assertThat(alice.history("bob").get(Chatters.seconds(), TimeUnit.SECONDS))
                        .extracting(E2eMessage::text).containsExactly(LOST, "after");
            }
        }
    }

    @Test
    void aSendWhoseRequestTimedOutOnAConnectionThatStaysUpIsSentAgainByItselfAndConfirmedOnce() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            try (ParleySession alice = alice(quickToGiveUp(proxy), Optional.of(QUICK))) {
                CompletableFuture<E2eMessage> sending = sendWithTheAnswerHeld(alice, proxy);
                alice.history("bob").get(Chatters.seconds() + REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                boolean pendingAfterTheTimeout = !sending.isDone();
                proxy.release();

                E2eMessage sent = sending.get(Chatters.seconds(), TimeUnit.SECONDS);

                assertThat(pendingAfterTheTimeout).isTrue();
                assertThat(sent.text()).isEqualTo(LOST);
                assertThat(queuedFor("bob")).isEqualTo(1);
                assertThat(alice.history("bob").get(Chatters.seconds(), TimeUnit.SECONDS))
                        .extracting(E2eMessage::text).containsExactly(LOST);
            }
        }
    }

    @Test
    void aSendTheServerNeverSawIsSentAgainAfterTheReconnectAndStoredOnce() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            try (ParleySession alice = alice(proxy, Optional.of(QUICK))) {
                proxy.arm(LONG, LosingProxy.Loss.BEFORE_THE_SERVER, () -> { });
                CompletableFuture<E2eMessage> sending = alice.sendPrivate("bob", LOST);

                E2eMessage sent = sending.get(Chatters.seconds(), TimeUnit.SECONDS);
                alice.sendPrivate("bob", "after").get(Chatters.seconds(), TimeUnit.SECONDS);

                assertThat(sent.text()).isEqualTo(LOST);
                assertThat(queuedFor("bob")).isEqualTo(2);
                assertThat(alice.history("bob").get(Chatters.seconds(), TimeUnit.SECONDS))
                        .extracting(E2eMessage::text).containsExactly(LOST, "after");
            }
            bobReadsExactlyTheLostMessageAndTheNext(server);
        }
    }

    @Test
    void aSendNeverStoredWhoseRepeatMeetsANewDeviceIsSentAfreshToEveryDeviceUnderTheSameMessageId() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            E2eMessage sent;
            try (ParleySession alice = alice(proxy, Optional.of(QUICK))) {
                // Bob adds a device while the send is lost: its repeat is answered DeviceMismatch.
                proxy.arm(LONG, LosingProxy.Loss.BEFORE_THE_SERVER, () -> signIn(server, "b2"));
                CompletableFuture<E2eMessage> sending = alice.sendPrivate("bob", LOST);

                sent = sending.get(Chatters.seconds(), TimeUnit.SECONDS);

                assertThat(sent.text()).isEqualTo(LOST);
                assertThat(queuedFor("bob")).isEqualTo(2);
                assertThat(alice.history("bob").get(Chatters.seconds(), TimeUnit.SECONDS))
                        .extracting(E2eMessage::messageId).containsExactly(sent.messageId());
            }
            for (String device : List.of("b1", "b2")) {
                try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve(device), "bob", "passphrase of bob")) {
                    await().atMost(TestServer.timeout()).until(() -> bob.texts().contains(LOST));
                    assertThat(bob.messages()).extracting(E2eMessage::messageId).containsExactly(sent.messageId());
                }
            }
        }
    }

    @Test
    void aSendFirstTriedLongerAgoThanTheBoundFailsAsNotConfirmedInsteadOfBeingSentAgain() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            try (ParleySession alice = alice(proxy, Optional.of(QUICK))) {
                // The reconnect's resend comes after this: the send is then older than the bound.
                proxy.arm(LONG, LosingProxy.Loss.BEFORE_THE_SERVER,
                        () -> clock.move(UnconfirmedSends.MAX_AGE.plusSeconds(1)));
                CompletableFuture<E2eMessage> sending = alice.sendPrivate("bob", LOST);

                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> sending.get(Chatters.seconds(), TimeUnit.SECONDS));
                alice.sendPrivate("bob", "after").get(Chatters.seconds(), TimeUnit.SECONDS);

                assertThat(failed.getCause()).isInstanceOf(SendNotConfirmedException.class)
                        .hasMessageContaining("may or may not have been delivered");
                assertThat(((SendNotConfirmedException) failed.getCause()).keptForNextStart()).isFalse();
                assertThat(queuedFor("bob")).isEqualTo(1);
                assertThat(alice.history("bob").get(Chatters.seconds(), TimeUnit.SECONDS))
                        .extracting(E2eMessage::text).containsExactly("after");
            }
        }
    }

    @Test
    void aSendStillUnconfirmedWhenTheSessionEndsFailsAsNotConfirmed() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            try (ParleySession alice = alice(proxy, Optional.empty())) {
                proxy.arm(LONG, LosingProxy.Loss.AFTER_THE_SERVER, () -> { });
                CompletableFuture<E2eMessage> sending = alice.sendPrivate("bob", LOST);
                await().atMost(TestServer.timeout()).until(() -> queuedFor("bob") == 1);
                proxy.cutAndRelease();

                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> sending.get(Chatters.seconds(), TimeUnit.SECONDS));

                // Kept on the device for its next start (E2EE.md 20.3, "Across a restart"): the user is told not to send it again.
                assertThat(failed.getCause()).isInstanceOf(SendNotConfirmedException.class)
                        .hasMessageContaining("sends it again, once, at its next start");
                assertThat(((SendNotConfirmedException) failed.getCause()).keptForNextStart()).isTrue();
            }
        }
    }

    /** Signs bob in once on a new device {@code name} (it is listed from then on). */
    private void signIn(ParleyServer server, String name) {
        try {
            E2eDeviceUnderTest.start(server.address(), devices.resolve(name), "bob", "passphrase of bob").close();
        } catch (Exception e) {
            throw new IllegalStateException("bob's new device did not sign in", e);
        }
    }

    /** Envelopes the server holds for {@code account}'s devices (none is fetched while they are offline). */
    private int queuedFor(String account) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
             Statement settings = db.createStatement();
             PreparedStatement count = db.prepareStatement("SELECT COUNT(*) FROM e2e_envelopes WHERE account = ?")) {
            settings.execute("PRAGMA busy_timeout = 10000");
            count.setString(1, account);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Alice's session through {@code proxy}, reconnecting with {@code reconnect}, her device on the movable clock. */
    /** Registers alice and bob and sets up bob's device "b1" (then offline). */
    private void aliceAndBobWithADevice(ParleyServer server) throws Exception {
        register(server, "alice", "bob");
        E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
    }

    /** Bob's device comes online and shows {@link #LOST} then "after", once each, with no failure. */
    private void bobReadsExactlyTheLostMessageAndTheNext(ParleyServer server) throws Exception {
        try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
            await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("after"));
            assertThat(bob.texts()).containsExactly(LOST, "after");
            assertThat(bob.events).noneMatch(E2eEvent.DecryptFailure.class::isInstance);
        }
    }

    /** Options whose requests time out after {@link #REQUEST_TIMEOUT}, through {@code proxy}. */
    private static ClientOptions quickToGiveUp(LosingProxy proxy) {
        return new ClientOptions("127.0.0.1", proxy.address().getPort(), Preset.MODERN.preferences(),
                new InMemoryPinStore(), fp -> true, Duration.ofSeconds(10), REQUEST_TIMEOUT);
    }

    /** Alice sends {@link #LOST}; the proxy lets it reach the server and holds the answer; returns once it is stored. */
    private CompletableFuture<E2eMessage> sendWithTheAnswerHeld(ParleySession alice, LosingProxy proxy) throws Exception {
        proxy.arm(LONG, LosingProxy.Loss.AFTER_THE_SERVER, () -> { });
        CompletableFuture<E2eMessage> sending = alice.sendPrivate("bob", LOST);
        await().atMost(TestServer.timeout()).until(() -> queuedFor("bob") == 1);
        return sending;
    }

    private ParleySession alice(LosingProxy proxy, Optional<Backoff> reconnect) throws Exception {
        return alice(E2eDeviceUnderTest.settings(proxy.address(), devices.resolve("a1")).client(), reconnect);
    }

    private ParleySession alice(ClientOptions options, Optional<Backoff> reconnect) throws Exception {
        Path directory = devices.resolve("a1");
        SessionSettings settings = new SessionSettings(options,
                FirstContactQuestion.answeredBy(fp -> true), Runnable::run, reconnect)
                .withE2e(E2eSettings.in(directory).withDeviceName("a1").withClock(clock));
        return ParleySession.start(settings, new ForwardingListener(E2eDeviceUnderTest.recorder(),
                new java.util.concurrent.CopyOnWriteArrayList<>()), "alice",
                c -> c.login("alice", "passphrase of alice".toCharArray())).get(Chatters.seconds(), TimeUnit.SECONDS);
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
