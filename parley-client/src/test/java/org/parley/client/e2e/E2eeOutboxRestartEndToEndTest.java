package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.client.e2e.E2eePrivateMessagesEndToEndTest.register;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleySession;
import org.parley.client.SendNotConfirmedException;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.E2eSettings;
import org.parley.client.e2ee.OutboxFiles;
import org.parley.client.e2ee.OutboxFormatException;
import org.parley.client.e2ee.SendOutcome;
import org.parley.client.e2ee.UnconfirmedSends;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.server.ParleyServer;

/**
 * A private message whose answer was lost when the client stopped (docs/E2EE.md 20.3,
 * "Unconfirmed sends"): it is in the device's outbox on disk, and a new session over the same
 * device directory sends it again once, with the same send id and bytes, and reports how it
 * ended as an {@link E2eEvent.SendSettled}. Bob stays offline until the end, so that every
 * envelope stored for him is still queued.
 */
class E2eeOutboxRestartEndToEndTest {
    /** Longer than any other request a send makes. */
    private static final int LONG = 3_000;
    private static final String LOST = "lost answer " + "x".repeat(LONG);

    @TempDir
    Path data;
    @TempDir
    Path devices;

    private final MovableClock clock = new MovableClock();

    @Test
    void aSendStoredButUnansweredWhenTheClientStoppedIsSentAgainAtTheNextStartAndStoredOnce() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            E2eDeviceUnderTest first = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(proxy.address(), first)) {
                proxy.arm(LONG, LosingProxy.Loss.AFTER_THE_SERVER, () -> { });
                CompletableFuture<E2eMessage> sending = alice.sendPrivate("bob", LOST);
                await().atMost(TestServer.timeout()).until(() -> queuedFor("bob") == 1);
                proxy.cutAndRelease();
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> sending.get(Chatters.seconds(), TimeUnit.SECONDS));
                assertThat(failed.getCause()).isInstanceOf(SendNotConfirmedException.class);
            }
            assertThat(outboxFiles()).hasSize(1);

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                E2eEvent.SendSettled settled = settled(restarted);

                assertThat(settled.outcome()).isEqualTo(SendOutcome.SENT);
                assertThat(settled.message().text()).isEqualTo(LOST);
                assertThat(settled.conversation()).isEqualTo("bob");
                assertThat(queuedFor("bob")).isEqualTo(1);
                assertThat(alice.history("bob").get(Chatters.seconds(), TimeUnit.SECONDS))
                        .extracting(E2eMessage::text).containsExactly(LOST);
                assertThat(outboxFiles()).isEmpty();
                alice.sendPrivate("bob", "after").get(Chatters.seconds(), TimeUnit.SECONDS);
            }
            bobReadsExactly(server, LOST, "after");
        }
    }

    @Test
    void aSendTheServerNeverSawBeforeTheClientStoppedIsDeliveredAtTheNextStartOnce() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            loseWhenTheClientStops(proxy);
            String sendId = OutboxFiles.sendId(outboxFiles().getFirst());

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                E2eEvent.SendSettled settled = settled(restarted);

                assertThat(settled.outcome()).isEqualTo(SendOutcome.SENT);
                assertThat(queuedFor("bob")).isEqualTo(1);
                assertThat(storedSendIds()).containsExactly(sendId);
                assertThat(alice.history("bob").get(Chatters.seconds(), TimeUnit.SECONDS))
                        .extracting(E2eMessage::text).containsExactly(LOST);
                alice.sendPrivate("bob", "after").get(Chatters.seconds(), TimeUnit.SECONDS);
            }
            bobReadsExactly(server, LOST, "after");
        }
    }

    @Test
    void aKeptSendFirstTriedLongerAgoThanTheBoundIsReportedAsNotConfirmedAndNotSent() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            loseWhenTheClientStops(proxy);
            clock.move(UnconfirmedSends.MAX_AGE.plusSeconds(1));

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                E2eEvent.SendSettled settled = settled(restarted);

                assertThat(settled.outcome()).isEqualTo(SendOutcome.NOT_CONFIRMED);
                assertThat(settled.message().text()).isEqualTo(LOST);
                assertThat(queuedFor("bob")).isZero();
                assertThat(outboxFiles()).isEmpty();
                assertThat(alice.history("bob").get(Chatters.seconds(), TimeUnit.SECONDS)).isEmpty();
            }
        }
    }

    @Test
    void anUnreadableOutboxFileIsSetAsideAndReportedAndTheOthersAreStillSent() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            loseWhenTheClientStops(proxy);
            Path kept = outboxFiles().getFirst();
            Path garbage = kept.resolveSibling("00000000000000000000");
            Files.write(Files.createFile(garbage, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))), new byte[] {1, 1, 0x7f});

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                E2eEvent.SendSettled settled = settled(restarted);

                assertThat(restarted.events).filteredOn(E2eEvent.OutboxEntryUnreadable.class::isInstance)
                        .singleElement().extracting(e -> ((E2eEvent.OutboxEntryUnreadable) e).reason())
                        .isEqualTo(OutboxFormatException.Reason.TRUNCATED);
                assertThat(settled.outcome()).isEqualTo(SendOutcome.SENT);
                assertThat(queuedFor("bob")).isEqualTo(1);
                assertThat(garbage).doesNotExist();
                assertThat(garbage.resolveSibling("00000000000000000000.unreadable")).exists();
            }
        }
    }

    @Test
    void aSendWhoseSessionsWereNotStoredBeforeTheClientStoppedHasThemStoredAtTheStartSoNoKeyIsUsedTwice()
            throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            try (ParleySession alice = alice(server.address(), E2eDeviceUnderTest.recorder())) {
                alice.sendPrivate("bob", "before").get(Chatters.seconds(), TimeUnit.SECONDS);
            }
            Path session = sessionWithBob();
            byte[] beforeTheLostSend = Files.readAllBytes(session);
            loseWhenTheClientStops(proxy);
            // As if the device stopped after writing the outbox entry, before storing the session it advanced.
            String name = session.getParent().getFileName() + "/" + session.getFileName();
            OutboxFiles.prepared(outboxFiles().getFirst(), name, Files.readAllBytes(session));
            Files.write(session, beforeTheLostSend);

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                assertThat(settled(restarted).outcome()).isEqualTo(SendOutcome.SENT);
                alice.sendPrivate("bob", "after").get(Chatters.seconds(), TimeUnit.SECONDS);
            }
            bobReadsExactly(server, "before", LOST, "after");
        }
    }

    @Test
    void aKeptSendSealedOnADeviceTheAccountRemovedMeanwhileIsSentAfreshFromTheNewDeviceAndReadable() throws Exception {
        try (ParleyServer server = TestServer.start(data);
             LosingProxy proxy = new LosingProxy(server.address())) {
            aliceAndBobWithADevice(server);
            // Alice's other device exists before the send: the kept envelopes are for bob's device and it.
            E2eDeviceUnderTest.start(server.address(), devices.resolve("a2"), "alice", "passphrase of alice").close();
            loseWhenTheClientStops(proxy);
            try (E2eDeviceUnderTest other = E2eDeviceUnderTest.start(server.address(), devices.resolve("a2"), "alice",
                    "passphrase of alice")) {
                long removed = other.await(other.session.devices()).stream()
                        .mapToLong(org.parley.protocol.chat.DeviceInfo::deviceId)
                        .filter(id -> id != other.session.deviceId()).findFirst().orElseThrow();
                other.await(other.session.removeDevice(removed));
            }

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                E2eEvent.SendSettled settled = settled(restarted);

                assertThat(settled.outcome()).isEqualTo(SendOutcome.SENT);
                assertThat(settled.message().fromDevice()).isEqualTo(alice.deviceId());
                assertThat(outboxFiles()).isEmpty();
            }
            bobReadsExactly(server, LOST);
        }
    }

    @Test
    void aSendThatFailedBecauseItsSessionCouldNotBeStoredIsNotSentAtTheNextStart() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            aliceAndBobWithADevice(server);
            E2eDeviceUnderTest first = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), first)) {
                alice.sendPrivate("bob", "before").get(Chatters.seconds(), TimeUnit.SECONDS);
                // The session with bob's device cannot be written now (a directory stands where it goes); it is held in memory.
                Path session = sessionWithBob();
                byte[] stored = Files.readAllBytes(session);
                Files.delete(session);
                Files.createDirectories(session.resolve("in-the-way"));

                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> alice.sendPrivate("bob", LOST).get(Chatters.seconds(), TimeUnit.SECONDS));

                assertThat(failed.getCause()).isInstanceOf(java.io.IOException.class);
                Files.delete(session.resolve("in-the-way"));
                Files.delete(session);
                Files.write(Files.createFile(session, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))), stored);
            }
            assertThat(outboxFiles()).isEmpty();

            E2eDeviceUnderTest restarted = E2eDeviceUnderTest.recorder();
            try (ParleySession alice = alice(server.address(), restarted)) {
                alice.sendPrivate("bob", "after").get(Chatters.seconds(), TimeUnit.SECONDS);
                assertThat(restarted.events).noneMatch(E2eEvent.SendSettled.class::isInstance);
            }
            bobReadsExactly(server, "before", "after");
        }
    }

    /** Alice sends {@link #LOST} through {@code proxy}, which cuts the connection before the server sees it; her session ends. */
    private void loseWhenTheClientStops(LosingProxy proxy) throws Exception {
        int queued = queuedFor("bob");
        try (ParleySession alice = alice(proxy.address(), E2eDeviceUnderTest.recorder())) {
            proxy.arm(LONG, LosingProxy.Loss.BEFORE_THE_SERVER, () -> { });
            CompletableFuture<E2eMessage> sending = alice.sendPrivate("bob", LOST);
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> sending.get(Chatters.seconds(), TimeUnit.SECONDS));
            assertThat(failed.getCause()).isInstanceOf(SendNotConfirmedException.class);
        }
        assertThat(queuedFor("bob")).isEqualTo(queued);
        assertThat(outboxFiles()).hasSize(1);
    }

    private static E2eEvent.SendSettled settled(E2eDeviceUnderTest recorder) {
        await().atMost(TestServer.timeout()).until(() -> recorder.events.stream().anyMatch(E2eEvent.SendSettled.class::isInstance));
        return recorder.events.stream().filter(E2eEvent.SendSettled.class::isInstance).map(E2eEvent.SendSettled.class::cast)
                .findFirst().orElseThrow();
    }

    /** The files in alice's outbox, in order. */
    private List<Path> outboxFiles() throws Exception {
        try (Stream<Path> all = Files.walk(devices.resolve("a1"))) {
            List<Path> folders = all.filter(p -> p.getFileName().toString().equals("outbox")).toList();
            if (folders.isEmpty()) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(folders.getFirst())) {
                return files.filter(p -> p.getFileName().toString().matches("[0-9]{20}")).sorted().toList();
            }
        }
    }

    /** Alice's session with bob's one device. */
    private Path sessionWithBob() throws Exception {
        try (Stream<Path> all = Files.walk(devices.resolve("a1"))) {
            return all.filter(p -> p.getFileName().toString().matches("bob\\.[0-9]+")).findFirst().orElseThrow();
        }
    }

    private void aliceAndBobWithADevice(ParleyServer server) throws Exception {
        register(server, "alice", "bob");
        E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
    }

    /** Bob's device comes online and shows exactly {@code texts}, in order, once each, with no failure. */
    private void bobReadsExactly(ParleyServer server, String... texts) throws Exception {
        try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
            await().atMost(TestServer.timeout()).until(() -> bob.texts().contains(texts[texts.length - 1]));
            assertThat(bob.texts()).containsExactly(texts);
            assertThat(bob.events).noneMatch(E2eEvent.DecryptFailure.class::isInstance);
        }
    }

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

    /**
     * The send ids the server remembers, in hex: every send of every {@code send_batches} row, unpacked
     * by the layout its server class documents (SendBatchCodec: u8 version, u16 count, then per send a
     * u16-prefixed account, i64 time, the 16-byte send id, the 32-byte digest, i64 id answered).
     */
    private List<String> storedSendIds() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
             Statement query = db.createStatement()) {
            query.execute("PRAGMA busy_timeout = 10000");
            try (ResultSet rows = query.executeQuery("SELECT sends FROM send_batches")) {
                List<String> ids = new java.util.ArrayList<>();
                while (rows.next()) {
                    java.nio.ByteBuffer sends = java.nio.ByteBuffer.wrap(rows.getBytes(1));
                    sends.get(); // the layout's version
                    for (int count = Short.toUnsignedInt(sends.getShort()); count > 0; count--) {
                        int account = Short.toUnsignedInt(sends.getShort());
                        sends.position(sends.position() + account + Long.BYTES);
                        byte[] id = new byte[16];
                        sends.get(id);
                        ids.add(java.util.HexFormat.of().formatHex(id));
                        sends.position(sends.position() + 32 + Long.BYTES);
                    }
                }
                return ids;
            }
        }
    }

    /** Alice's session at {@code address}, without reconnecting (a lost connection ends it, as a stopped client). */
    private ParleySession alice(java.net.InetSocketAddress address, E2eDeviceUnderTest recorder) throws Exception {
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
