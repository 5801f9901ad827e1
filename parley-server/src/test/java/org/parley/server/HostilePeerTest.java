package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.server.testing.ServerFixture.join;

import ch.qos.logback.classic.Level;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.PresenceChange;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ConsoleCapture;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/** Handshake deadline, idle timeout, garbage and oversize input, slow readers, graceful close. */
class HostilePeerTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest();

    /** Reads until the server closes; returns the bytes it sent. Bounded by the socket timeout. */
    private static byte[] readUntilClosed(Socket socket) throws Exception {
        socket.setSoTimeout(15_000);
        try (InputStream in = socket.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** Whether {@code client} got an Accepted or a Rejected for request {@code id}. */
    private static boolean answered(TestClient client, long id) {
        return client.events(ChatEvent.Accepted.class).stream().anyMatch(a -> a.requestId() == id)
                || client.events(ChatEvent.Rejected.class).stream().anyMatch(r -> r.requestId() == id);
    }

    @Test
    void silentConnectionIsClosedAtTheHandshakeDeadline() throws Exception {
        fixture.start(ServerLimits.defaults().withHandshakeTimeout(Duration.ofMillis(300)));
        try (Socket silent = new Socket(fixture.address().getAddress(), fixture.address().getPort())) {
            long start = System.nanoTime();
            byte[] received = readUntilClosed(silent);
            assertThat(received).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aConnectionClosedAtTheHandshakeDeadlineIsAnAuditEventWithItsAddress() throws Exception {
        fixture.start(ServerLimits.defaults().withHandshakeTimeout(Duration.ofMillis(300)));
        Path audit = fixture.dataDirectory().resolve("logs").resolve("audit.jsonl");
        String remote;
        try (Socket slow = new Socket(fixture.address().getAddress(), fixture.address().getPort())) {
            remote = String.valueOf(slow.getLocalSocketAddress());
            slow.getOutputStream().write(new byte[] {0x16, 0x00});
            slow.getOutputStream().flush();
            readUntilClosed(slow);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(audit)
                && Files.readString(audit).contains("handshake_timeout"));
        assertThat(Files.readAllLines(audit)).filteredOn(line -> line.contains("\"event\":\"handshake_timeout\""))
                .singleElement().asString().contains("\"remote\":\"" + remote + "\"");
    }

    @Test
    void aHandshakeCutOffAtTheDeadlineIsLoggedWithHowFarItGotButNotItsBytes() throws Exception {
        List<String> lines;
        try (ConsoleCapture console = new ConsoleCapture(Level.INFO)) {
            fixture.start(ServerLimits.defaults().withHandshakeTimeout(Duration.ofMillis(300)));
            try (Socket trickling = new Socket(fixture.address().getAddress(), fixture.address().getPort())) {
                // A plaintext handshake frame that announces 1,000 bytes and brings eleven ("PRLY" and seven more).
                trickling.getOutputStream().write(new byte[] {0x16, 0x03, (byte) 0xe8, 'P', 'R', 'L', 'Y', 0, 1, 9, 9, 9, 9, 9});
                trickling.getOutputStream().flush();
                readUntilClosed(trickling);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> console.lines().stream()
                    .anyMatch(line -> line.contains("handshake not completed")));
            lines = console.lines();
        }

        assertThat(lines).filteredOn(line -> line.contains("handshake not completed")).singleElement().asString()
                .contains("of 14 bytes", "channel HANDSHAKING").doesNotContain("still running", "PRLY");
    }

    @Test
    void idleSessionIsToldAndClosed() throws Exception {
        fixture.start(ServerLimits.defaults().withIdleTimeout(Duration.ofMillis(700)));
        TestClient alice = fixture.registered("alice");
        alice.awaitClosed();
        assertThat(alice.events(ChatEvent.Notice.class)).extracting(ChatEvent.Notice::text)
                .anyMatch(t -> t.contains("idle"));
        assertThat(alice.peerSentCloseNotify()).isTrue();
    }

    @Test
    void aPeerThatSaysGoodbyeButStopsReadingIsClosedAndGoesOfflineAllTheSame() throws Exception {
        // An outbound limit far above what is sent, so the stalled reader is never a slow reader: what it
        // is sent fills the TCP buffers and the rest waits in the server, with the server's close_notify behind it.
        // Alice writes as fast as the server acknowledges, over the default message rate, which is not what this is about.
        fixture.start(ServerLimits.defaults().withOutboundBufferBytes(64 * 1024 * 1024)
                .withChatRates(new RequestRate(2000, 1000), ServerLimits.DEFAULT_CHAT_READ_RATE));
        TestClient alice = fixture.registered("alice");
        TestClient stalled = fixture.registerOn(TestClient.connectWithSmallReceiveBuffer(fixture.address()), "stalled");
        join(alice, "lobby");
        join(stalled, "lobby");
        stalled.pauseReading();
        // 120 whole messages accepted, 7.5 MiB: more than the server's socket send buffer holds (at most 4 MiB on Linux).
        // Sent 16 at a time; a room busy with them may refuse some (server_busy), which are sent again.
        Set<Long> sent = new HashSet<>();
        while (alice.events(ChatEvent.Accepted.class).stream().filter(a -> sent.contains(a.requestId())).count() < 120) {
            List<Long> window = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                window.add(alice.request(r -> new ChatRequest.SendRoomMessage(r, "lobby", ContentType.OPAQUE,
                        Bytes.wrapOwned(new byte[ChatLimits.MAX_BODY_BYTES]))));
            }
            sent.addAll(window);
            await().atMost(Duration.ofSeconds(20)).until(() -> window.stream().allMatch(id -> answered(alice, id)));
        }

        stalled.sendCloseNotify();

        ChatEvent.Presence gone = alice.awaitEvent(ChatEvent.Presence.class,
                p -> p.user().equals("stalled") && p.change() == PresenceChange.OFFLINE);
        assertThat(gone.onlineCount()).isEqualTo(1);
        stalled.close();
    }

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        join(alice, "lobby");
        join(bob, "lobby");
        try (Socket junk = new Socket(fixture.address().getAddress(), fixture.address().getPort())) {
            junk.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = readUntilClosed(junk);
            assertThat(answer).hasSize(3 + 1).startsWith(0x15); // one plaintext alert frame, then EOF
        }
        alice.say("lobby", "still working");
        assertThat(bob.awaitEvent(ChatEvent.RoomMessage.class, m -> !m.history()).message().from()).isEqualTo("alice");
    }

    @Test
    void undecodableChatRequestClosesThatSessionOnly() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient mallory = fixture.registered("mallory");
        TestClient bob = fixture.registered("bob");
        join(bob, "lobby");
        mallory.sendRaw(Bytes.wrapOwned(new byte[] {(byte) 0xEE, 1, 2, 3}));
        mallory.awaitClosed();
        ChatEvent.Presence gone = bob.awaitEvent(ChatEvent.Presence.class,
                p -> p.user().equals("mallory") && p.change() == PresenceChange.OFFLINE);
        assertThat(gone.onlineCount()).isEqualTo(1);
        long ping = bob.request(ChatRequest.Ping::new);
        assertThat(bob.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == ping)).isNotNull();
    }

    @Test
    void oversizeFrameIsRejectedFromItsHeaderAlone() throws Exception {
        fixture.start(ServerLimits.defaults());
        try (Socket socket = new Socket(fixture.address().getAddress(), fixture.address().getPort())) {
            // Only the 3-byte header declaring 65,535 bytes: the server must refuse without waiting for the payload.
            socket.getOutputStream().write(new byte[] {0x16, (byte) 0xFF, (byte) 0xFF});
            byte[] answer = readUntilClosed(socket);
            assertThat(answer).hasSize(4).startsWith(0x15);
        }
    }

    @Test
    void oversizeMessageIsRefusedWithARecordOverflowAlert() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        join(bob, "lobby");

        alice.sendRaw(Bytes.wrapOwned(new byte[ServerLimits.defaults().maxMessageBytes() + 1]));

        alice.awaitClosed();
        assertThat(alice.closedReason()).contains("RECORD_OVERFLOW");
        long ping = bob.request(ChatRequest.Ping::new);
        assertThat(bob.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == ping)).isNotNull();
    }

    @Test
    void perAddressConnectionLimitRefusesTheExtraConnection() throws Exception {
        fixture.start(ServerLimits.defaults().withMaxConnectionsPerIp(2));
        TestClient first = fixture.connect();
        TestClient second = fixture.connect();
        assertThat(first.established()).isTrue();
        assertThat(second.established()).isTrue();
        try (Socket third = new Socket(fixture.address().getAddress(), fixture.address().getPort())) {
            assertThat(readUntilClosed(third)).isEmpty();
        }
        first.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (TestClient again = TestClient.connect(fixture.address())) {
                assertThat(again.established()).isTrue();
            }
        });
    }

    @Test
    void slowReaderIsDisconnectedWhileOthersKeepReceiving() throws Exception {
        // Alice writes as fast as the server acknowledges, far over the default message rate, which
        // is not what this test is about.
        fixture.start(ServerLimits.defaults().withOutboundBufferBytes(64 * 1024)
                .withChatRates(new RequestRate(2000, 1000), ServerLimits.DEFAULT_CHAT_READ_RATE));
        TestClient alice = fixture.registered("alice");
        TestClient slow = fixture.registerOn(TestClient.connectWithSmallReceiveBuffer(fixture.address()), "slow");
        join(alice, "lobby");
        join(slow, "lobby");
        slow.pauseReading();
        String big = "z".repeat(ChatLimits.MAX_TEXT_BYTES - 100);

        int sent = 0;
        while (alice.events(ChatEvent.Presence.class).stream()
                .noneMatch(p -> p.user().equals("slow") && p.change() == PresenceChange.OFFLINE) && sent < 2000) {
            long id = alice.say("lobby", big);
            alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == id);
            sent++;
        }

        assertThat(sent).isLessThan(2000);
        long last = alice.say("lobby", "after");
        alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == last);
        assertThat(alice.awaitEvent(ChatEvent.RoomMessage.class,
                m -> new String(m.message().body().toByteArray(), StandardCharsets.UTF_8).equals("after"))).isNotNull();
        slow.resumeReading();
        slow.awaitClosed();
    }

    @Test
    void gracefulCloseSendsNoticeAndCloseNotify() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        fixture.server().close();
        alice.awaitClosed();
        assertThat(alice.events(ChatEvent.Notice.class)).extracting(ChatEvent.Notice::text)
                .anyMatch(t -> t.contains("shutting down"));
        assertThat(alice.peerSentCloseNotify()).isTrue();
    }

    @Test
    void textOfTheRightSizeIsStillAccepted() throws Exception {
        fixture.start(ServerLimits.defaults());
        TestClient alice = fixture.registered("alice");
        join(alice, "lobby");
        long id = alice.request(r -> new ChatRequest.SendRoomMessage(r, "lobby", ContentType.TEXT,
                Bytes.utf8("y".repeat(ChatLimits.MAX_TEXT_BYTES))));
        assertThat(alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == id).messageId()).isPositive();
    }
}
