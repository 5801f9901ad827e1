package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Backoff;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.client.SessionListener;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.E2eSettings;
import org.parley.protocol.chat.ChatEvent;
import org.parley.server.ParleyServer;

/**
 * A write to the device directory fails while a session start is received (a full disk, an I/O
 * error; here a directory stands where the file must go, which stops the write even for root).
 * The start stays queued, and once the disk is writable again it is read after the next login of
 * the same session: nothing the failed attempt did only in memory gets in its way.
 */
class E2eeStorageFailureEndToEndTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aStartWhoseHistoryCheckFailedIsReadAfterTheNextLogin() throws Exception {
        // history/alice cannot be read: the duplicate check after the start's decryption fails.
        readAfterAFailedWrite(bob -> bob.resolve("history").resolve("alice"));
    }

    private void readAfterAFailedWrite(java.util.function.UnaryOperator<Path> obstacle) throws Exception {
        ParleyServer first = TestServer.start(data);
        int port = first.address().getPort();
        ParleyServer second = null;
        E2eePrivateMessagesEndToEndTest.register(first, "alice", "bob");
        E2eDeviceUnderTest.start(first.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
        try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(first.address(), devices.resolve("a1"), "alice",
                "passphrase of alice")) {
            alice.send("bob", "the first words");
        }
        Path blocked = obstacle.apply(deviceDirectory(devices.resolve("b1")));
        block(blocked);
        E2eDeviceUnderTest bob = E2eDeviceUnderTest.recorder();
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        SessionSettings settings = new SessionSettings(E2eDeviceUnderTest.settings(first.address(), devices.resolve("b1"))
                .client(), FirstContactQuestion.answeredBy(fp -> true), Runnable::run, Optional.of(QUICK))
                .withE2e(E2eSettings.in(devices.resolve("b1")));
        try (ParleySession session = ParleySession.start(settings, new ForwardingListener(bob, lifecycle), "bob",
                c -> c.login("bob", "passphrase of bob".toCharArray())).get(Chatters.seconds(), TimeUnit.SECONDS)) {
            // The device's worker handles the pushed queue before this; the write failed, so it stays queued.
            session.history("nobody").get(Chatters.seconds(), TimeUnit.SECONDS);
            assertThat(queuedForBob()).isEqualTo(1);
            assertThat(bob.events).isEmpty();

            unblock(blocked);
            first.close();
            await().atMost(TestServer.timeout()).until(() -> lifecycle.contains("lost"));
            second = TestServer.start(data, port);
            await().atMost(TestServer.timeout()).until(() -> lifecycle.contains("reconnected"));
            await().atMost(TestServer.timeout()).until(() -> queuedForBob() == 0);
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(second.address(), devices.resolve("a1"), "alice",
                    "passphrase of alice")) {
                alice.send("bob", "the next words");
            }
            await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("the next words")
                    || bob.events.stream().anyMatch(event -> event instanceof E2eEvent.DecryptFailure));

            assertThat(bob.events).noneMatch(event -> event instanceof E2eEvent.DecryptFailure);
            assertThat(session.history("alice").get(Chatters.seconds(), TimeUnit.SECONDS)).extracting(E2eMessage::text)
                    .containsExactly("the first words", "the next words");
        } finally {
            if (second != null) {
                second.close();
            } else {
                first.close();
            }
        }
    }

    @Test
    void anEnvelopeReceivedAfterAFailedOneOnTheSameConnectionDoesNotMakeTheFailedOneLost() throws Exception {
        ParleyServer first = TestServer.start(data);
        int port = first.address().getPort();
        ParleyServer second = null;
        E2eePrivateMessagesEndToEndTest.register(first, "alice", "bob");
        E2eDeviceUnderTest.start(first.address(), devices.resolve("b1"), "bob", "passphrase of bob").close();
        E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(first.address(), devices.resolve("a1"), "alice",
                "passphrase of alice");
        alice.session.join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);
        alice.send("bob", "the first words");
        Path blocked = deviceDirectory(devices.resolve("b1")).resolve("history").resolve("alice");
        block(blocked);
        E2eDeviceUnderTest bob = E2eDeviceUnderTest.recorder();
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        List<String> lobby = new CopyOnWriteArrayList<>();
        SessionSettings settings = new SessionSettings(E2eDeviceUnderTest.settings(first.address(), devices.resolve("b1"))
                .client(), FirstContactQuestion.answeredBy(fp -> true), Runnable::run, Optional.of(QUICK))
                .withE2e(E2eSettings.in(devices.resolve("b1")));
        try (ParleySession session = ParleySession.start(settings, new LobbyListener(bob, lifecycle, lobby), "bob",
                c -> c.login("bob", "passphrase of bob".toCharArray())).get(Chatters.seconds(), TimeUnit.SECONDS)) {
            session.join("lobby").get(Chatters.seconds(), TimeUnit.SECONDS);
            // The pushed queue was handled before this: storing the first words failed, so they stay queued.
            session.history("nobody").get(Chatters.seconds(), TimeUnit.SECONDS);
            assertThat(queuedForBob()).isEqualTo(1);

            // The disk is writable again; the next words are pushed live on the same connection.
            unblock(blocked);
            alice.send("bob", "the next words");
            // A room message sent after them reaches bob after their push; then his worker has handled it.
            alice.session.client().sendRoom("lobby", "after the next words").get(Chatters.seconds(), TimeUnit.SECONDS);
            await().atMost(TestServer.timeout()).until(() -> lobby.contains("after the next words"));
            session.history("nobody").get(Chatters.seconds(), TimeUnit.SECONDS);
            alice.close();

            first.close();
            await().atMost(TestServer.timeout()).until(() -> lifecycle.contains("lost"));
            second = TestServer.start(data, port);
            await().atMost(TestServer.timeout()).until(() -> lifecycle.contains("reconnected"));
            await().atMost(TestServer.timeout()).until(() -> queuedForBob() == 0);
            session.history("nobody").get(Chatters.seconds(), TimeUnit.SECONDS);

            assertThat(bob.events).noneMatch(event -> event instanceof E2eEvent.DecryptFailure);
            assertThat(session.history("alice").get(Chatters.seconds(), TimeUnit.SECONDS)).extracting(E2eMessage::text)
                    .containsExactly("the first words", "the next words");
            assertThat(bob.texts()).containsExactly("the first words", "the next words");
        } finally {
            alice.close();
            if (second != null) {
                second.close();
            } else {
                first.close();
            }
        }
    }

    /** Like {@link ForwardingListener}, and notes the texts of the lobby's messages. */
    private static final class LobbyListener implements SessionListener {
        private final ForwardingListener forward;
        private final List<String> lobby;

        LobbyListener(E2eDeviceUnderTest recorder, List<String> lifecycle, List<String> lobby) {
            this.forward = new ForwardingListener(recorder, lifecycle);
            this.lobby = lobby;
        }

        @Override
        public void onEvent(ChatEvent.Push event) {
            if (event instanceof ChatEvent.RoomMessage message) {
                lobby.add(Texts.of(message.message()));
            }
        }

        @Override
        public void onE2e(E2eEvent event) {
            forward.onE2e(event);
        }

        @Override
        public void onConnectionLost(String reason) {
            forward.onConnectionLost(reason);
        }

        @Override
        public void onReconnected(ParleyClient client,
                List<ChatEvent.JoinedRoom> rejoined) {
            forward.onReconnected(client, rejoined);
        }

        @Override
        public void onClosed(String reason) {
        }
    }

    /** The directory of the one end-to-end device under {@code base}. */
    private static Path deviceDirectory(Path base) throws IOException {
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(file -> file.getFileName().toString().equals("device.keys")).findFirst().orElseThrow()
                    .getParent();
        }
    }

    /** A non-empty owner-only directory where the file {@code file} must be written: no write or rename gets past it. */
    private static void block(Path file) throws IOException {
        Files.createDirectories(file);
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(file.resolve("in-the-way"), "x");
        Files.setPosixFilePermissions(file.resolve("in-the-way"), PosixFilePermissions.fromString("rw-------"));
    }

    private static void unblock(Path file) throws IOException {
        Files.delete(file.resolve("in-the-way"));
        Files.delete(file);
    }

    private int queuedForBob() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("parley.db"));
                PreparedStatement statement = db.prepareStatement(
                        "SELECT count(*) FROM e2e_envelopes WHERE account = 'bob'");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
