package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Backoff;
import org.parley.client.ParleySession;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eSettings;
import org.parley.server.ParleyServer;

/** The device's life across reconnects and time: it binds again and rotates its prekeys. */
class E2eeLifecycleEndToEndTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void afterAReconnectTheSameDeviceIsBoundAgainAndReceivesMessages() throws Exception {
        ParleyServer first = TestServer.start(data);
        int port = first.address().getPort();
        E2eePrivateMessagesEndToEndTest.register(first, "alice", "bob");
        E2eDeviceUnderTest.start(first.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
        E2eDeviceUnderTest recorder = recorderFor();
        SessionSettings settings = new SessionSettings(E2eDeviceUnderTest.settings(first.address(), devices.resolve("a1")).client(),
                org.parley.client.FirstContactQuestion.answeredBy(fp -> true), Runnable::run, Optional.of(QUICK))
                .withE2e(E2eSettings.in(devices.resolve("a1")));
        ParleyServer second = null;
        List<String> lifecycle = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ParleySession alice = ParleySession.start(settings, new ForwardingListener(recorder, lifecycle), "alice",
                c -> c.login("alice", "passphrase of alice".toCharArray())).get(Chatters.seconds(), TimeUnit.SECONDS)) {
            long device = alice.deviceId();
            first.close();
            await().atMost(TestServer.timeout()).until(() -> lifecycle.contains("lost"));
            second = TestServer.start(data, port);
            await().atMost(TestServer.timeout()).until(() -> lifecycle.contains("reconnected"));
            try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(second.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                bob.send("alice", "sent after the reconnect");
            }

            await().atMost(TestServer.timeout()).until(() -> recorder.texts().contains("sent after the reconnect"));
            assertThat(alice.deviceId()).isEqualTo(device);
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void closingTheSessionAnswersEverySendStillQueuedOnTheDeviceInsteadOfLeavingItWaitingForever() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
            E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice",
                    "passphrase of alice");
            List<java.util.concurrent.CompletableFuture<org.parley.client.e2ee.E2eMessage>> sends = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                sends.add(alice.session.sendPrivate("bob", "queued " + i));
            }

            alice.close();

            await().atMost(TestServer.timeout()).until(() -> sends.stream().allMatch(java.util.concurrent.Future::isDone));
            assertThat(sends).anyMatch(java.util.concurrent.CompletableFuture::isCompletedExceptionally);
        }
    }

    @Test
    void aSignedPrekeyOlderThanTheRotationPeriodIsReplacedAtTheNextLogin() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice");
            Path directory = devices.resolve("a1");
            E2eDeviceUnderTest.start(server.address(), directory, "alice", "passphrase of alice").close();
            long before = signedPrekeyId();
            SessionSettings later = E2eDeviceUnderTest.settings(server.address(), directory)
                    .withE2e(E2eSettings.in(directory).withClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(8))));
            ParleySession.start(later, recorderFor(), "alice", c -> c.login("alice", "passphrase of alice".toCharArray()))
                    .get(Chatters.seconds(), TimeUnit.SECONDS).close();

            assertThat(signedPrekeyId()).isGreaterThan(before);
        }
    }

    @Test
    void aDeviceRemovedFromTheAccountIsReplacedByANewOneAtItsNextLoginAndSaysSo() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            long removed;
            try (E2eDeviceUnderTest phone = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest laptop = E2eDeviceUnderTest.start(server.address(), devices.resolve("a2"), "alice", "passphrase of alice")) {
                removed = phone.session.deviceId();
                laptop.session.removeDevice(removed).get(Chatters.seconds(), TimeUnit.SECONDS);
            }
            try (E2eDeviceUnderTest phone = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                phone.send("bob", "from the replaced phone");
                await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("from the replaced phone"));

                assertThat(phone.session.deviceId()).isNotEqualTo(removed).isPositive();
                assertThat(phone.events.getFirst()).isEqualTo(new org.parley.client.e2ee.E2eEvent.DeviceNotice("alice",
                        removed, org.parley.client.e2ee.DeviceNoticeKind.REMOVED, false));
            }
        }
    }

    @Test
    void aNewDeviceTheServerRefusedIsAddedAtTheNextLoginOnceTheAccountHasRoom() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice");
            for (int i = 1; i <= org.parley.protocol.chat.ChatLimits.MAX_DEVICES; i++) {
                E2eDeviceUnderTest.start(server.address(), devices.resolve("d" + i), "alice", "passphrase of alice").close();
            }
            Path newcomer = devices.resolve("newcomer");
            assertThatThrownBy(() -> E2eDeviceUnderTest.start(server.address(), newcomer, "alice", "passphrase of alice"))
                    .hasStackTraceContaining("at most " + org.parley.protocol.chat.ChatLimits.MAX_DEVICES + " devices");
            try (E2eDeviceUnderTest first = E2eDeviceUnderTest.start(server.address(), devices.resolve("d1"), "alice",
                    "passphrase of alice")) {
                long other = first.await(first.session.devices()).stream()
                        .mapToLong(org.parley.protocol.chat.DeviceInfo::deviceId)
                        .filter(id -> id != first.session.deviceId()).findFirst().orElseThrow();
                first.await(first.session.removeDevice(other));
            }

            try (E2eDeviceUnderTest added = E2eDeviceUnderTest.start(server.address(), newcomer, "alice",
                    "passphrase of alice")) {
                assertThat(added.session.deviceId()).isPositive();
            }
        }
    }

    private long signedPrekeyId() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                PreparedStatement statement = db.prepareStatement(
                        "SELECT max(key_id) FROM e2e_prekeys WHERE account = 'alice' AND kind = 1");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static E2eDeviceUnderTest recorderFor() {
        return E2eDeviceUnderTest.recorder();
    }
}
