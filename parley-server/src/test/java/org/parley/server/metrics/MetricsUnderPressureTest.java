package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.parley.server.testing.ServerFixture.join;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.ServerLimits;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;
import org.parley.server.testing.WriteLock;

/**
 * The metrics of refused and failed handshakes, slow readers, senders paused and refused for their
 * requests in flight (by count and by bytes), and end-to-end sends, and a metrics port already taken.
 */
class MetricsUnderPressureTest {
    private static final MetricsSettings ON = MetricsSettings.on(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T04:00:00Z"));
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest(clock);
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusText scrape() throws IOException, InterruptedException {
        int port = fixture.server().metricsAddress().orElseThrow().getPort();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return PrometheusText.parse(response.body());
    }

    @Test
    void aHandshakeOverTheAddressRateCountsAsARefusalAndAFailedHandshake() throws Exception {
        fixture.start(ServerLimits.defaults().withHandshakeRates(new RequestRate(1, 1), new RequestRate(100, 100)), ON);
        TestClient admitted = fixture.connect();
        TestClient refused = TestClient.connect(fixture.address());
        refused.awaitClosed();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape().value("parley_connections", "phase", "handshaking") == 0);
        PrometheusText metrics = scrape();

        assertThat(admitted.established()).isTrue();
        assertThat(refused.closedReason()).contains("LIMIT_EXCEEDED");
        assertThat(metrics.value("parley_rate_limited_total", "bucket", "handshake_address")).isEqualTo(1);
        assertThat(metrics.value("parley_rate_limited_total", "bucket", "handshake_server")).isEqualTo(0);
        assertThat(metrics.value("parley_handshakes_total", "suite", "none", "outcome", "failure")).isEqualTo(1);
        assertThat(metrics.sum("parley_handshakes_total", "outcome", "success")).isEqualTo(1);
        assertThat(metrics.value("parley_connections", "phase", "authenticating")).isEqualTo(1);
        assertThat(metrics.value("parley_connections", "phase", "chatting")).isEqualTo(0);
    }

    @Test
    void aThrottledLoginCountsAsALoginRefusalAndAFailedLogin() throws Exception {
        fixture.start(ServerLimits.defaults().withLoginAttempts(1, 20), ON);
        fixture.registered("alice");
        TestClient first = fixture.connect();
        TestClient second = fixture.connect();

        AuthMessage wrong = first.login("alice", "not the password".toCharArray());
        AuthMessage throttled = second.login("alice", ServerFixture.PASSWORD.toCharArray());
        second.awaitClosed();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape().sum("parley_logins_total", "outcome", "failure") == 2);
        PrometheusText metrics = scrape();

        assertThat(wrong).isInstanceOf(AuthFailed.class);
        assertThat(throttled).as("throttled, although the password is right").isInstanceOf(AuthFailed.class);
        assertThat(metrics.value("parley_rate_limited_total", "bucket", "login_account")).isEqualTo(1);
        assertThat(metrics.value("parley_rate_limited_total", "bucket", "login_address")).isEqualTo(0);
        assertThat(metrics.value("parley_logins_total", "method", "registration", "outcome", "success")).isEqualTo(1);
    }

    @Test
    void aSlowReaderShowsAsABackPressureEventAndLeavesTheChattingGauge() throws Exception {
        // Alice writes as fast as the server acknowledges: the send rate is not what this test is about.
        fixture.start(ServerLimits.defaults().withOutboundBufferBytes(64 * 1024)
                .withChatRates(new RequestRate(2000, 1000), ServerLimits.DEFAULT_CHAT_READ_RATE), ON);
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

        await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape().value("parley_connections", "phase", "chatting") == 1);
        PrometheusText metrics = scrape();

        assertThat(sent).isLessThan(2000);
        assertThat(metrics.value("parley_backpressure_events_total")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("parley_messages_received_total", "kind", "room")).isEqualTo(sent);
    }

    @Test
    void anEndToEndSendCountsOneMessageAndOneEnvelopePerDevice() throws Exception {
        fixture.start(ServerLimits.defaults(), ON);
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        new TestDevice().add(alice, "laptop");
        long bobPhone = new TestDevice().add(bob, "phone");
        TestClient bobAgain = fixture.connect();
        bobAgain.login("bob", ServerFixture.PASSWORD.toCharArray());
        long bobLaptop = new TestDevice().add(bobAgain, "laptop");

        long request = alice.request(r -> new ChatRequest.SendEnvelopes(r, "bob", List.of(
                new EnvelopeTarget("bob", bobPhone, Bytes.fromHex("aa")),
                new EnvelopeTarget("bob", bobLaptop, Bytes.fromHex("bb")))));
        TestDevice.answer(alice, request, ChatEvent.Accepted.class);
        // The request's latency is recorded just after its answer left: poll until it is there.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> scrape().value("parley_requests_seconds_count", "type", "SendEnvelopes") == 1);
        PrometheusText metrics = scrape();

        assertThat(metrics.value("parley_messages_received_total", "kind", "end_to_end")).isEqualTo(1);
        assertThat(metrics.value("parley_e2e_envelopes_queued_total")).isEqualTo(2);
        assertThat(metrics.value("parley_requests_seconds_count", "type", "SendEnvelopes")).isEqualTo(1);
    }

    @Test
    void aFloodingSenderIsPausedThenRefusedAndBothAreCountedUnderTheCountOfItsRequestsInFlight() throws Exception {
        fixture.start(ServerLimits.defaults().withChatRates(new RequestRate(100_000, 100_000),
                ServerLimits.DEFAULT_CHAT_READ_RATE), ON);
        TestClient flooder = fixture.registered("flooder");
        // Spread over rooms of at most 32 messages each, which a room never refuses for their age: in
        // one room a slow machine saw the room's age bound (server_busy) refuse the flood before the
        // connection's count bound was reached (more than 256 in flight).
        // Messages of 1 KiB, so that what follows the first 256 does not arrive in the same read (a
        // read's messages are all handled before the pause takes effect), and far below the byte bound.
        int rooms = 12;
        int perRoom = 32;
        String padding = "x".repeat(1024);
        for (int r = 0; r < rooms; r++) {
            String room = "flood" + r;
            long created = flooder.request(id -> new ChatRequest.CreateRoom(id, room, RoomVisibility.PUBLIC));
            flooder.awaitEvent(ChatEvent.Answer.class, a -> a.requestId() == created);
        }
        try (WriteLock stall = WriteLock.take(fixture.dataDirectory().resolve("parley.db"))) {
            for (int i = 0; i < rooms * perRoom; i++) {
                flooder.say("flood" + (i % rooms), i + " " + padding);
            }
            long ping = flooder.request(ChatRequest.Ping::new);
            // Every earlier request was read before the Ping: refused, or in flight behind the stalled disk.
            flooder.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == ping);
            PrometheusText metrics = scrape();

            long refused = rejected(flooder, ErrorCode.RATE_LIMITED);
            assertThat((long) rooms * perRoom).as("precondition: past the count bound").isGreaterThan(256);
            assertThat(refused).as("paused, then refused").isPositive();
            assertThat(rejected(flooder, ErrorCode.SERVER_BUSY)).as("no room refused").isZero();
            assertThat(metrics.value("parley_in_flight_pauses_total", "condition", "count")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("parley_in_flight_refusals_total", "condition", "count")).isEqualTo(refused);
            assertThat(metrics.value("parley_rate_limited_total", "bucket", "in_flight")).isEqualTo(refused);
            assertThat(metrics.value("parley_in_flight_pauses_total", "condition", "bytes")).isEqualTo(0);
            assertThat(metrics.value("parley_in_flight_refusals_total", "condition", "bytes")).isEqualTo(0);
        }
    }

    @Test
    void aSenderOfLargeMessagesIsPausedThenRefusedByTheBytesOfItsRequestsInFlightLongBeforeTheirCount() throws Exception {
        fixture.start(ServerLimits.defaults().withChatRates(new RequestRate(100_000, 100_000),
                ServerLimits.DEFAULT_CHAT_READ_RATE), ON);
        TestClient sender = fixture.registered("sender");
        // Spread over rooms of at most 32 messages in flight each, which a room never refuses for their age.
        List<String> rooms = List.of("one", "two", "three", "four", "five");
        for (String room : rooms) {
            long created = sender.request(id -> new ChatRequest.CreateRoom(id, room, RoomVisibility.PUBLIC));
            sender.awaitEvent(ChatEvent.Answer.class, a -> a.requestId() == created);
        }
        Bytes body = Bytes.copyOf(new byte[ChatLimits.MAX_BODY_BYTES]);
        int messages = 30 * rooms.size();
        try (WriteLock stall = WriteLock.take(fixture.dataDirectory().resolve("parley.db"))) {
            for (int i = 0; i < messages; i++) {
                String room = rooms.get(i % rooms.size());
                sender.request(id -> new ChatRequest.SendRoomMessage(id, room, ContentType.OPAQUE, body));
            }
            long ping = sender.request(ChatRequest.Ping::new);
            sender.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == ping);
            PrometheusText metrics = scrape();

            long refused = rejected(sender, ErrorCode.RATE_LIMITED);
            assertThat((long) messages * body.length()).as("precondition: past the byte bound").isGreaterThan(8L << 20);
            assertThat(refused).as("paused, then refused").isPositive();
            assertThat(rejected(sender, ErrorCode.SERVER_BUSY)).as("no room refused").isZero();
            assertThat(metrics.value("parley_in_flight_pauses_total", "condition", "bytes")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("parley_in_flight_refusals_total", "condition", "bytes")).isEqualTo(refused);
            assertThat(metrics.value("parley_rate_limited_total", "bucket", "in_flight")).isEqualTo(refused);
            assertThat(metrics.value("parley_in_flight_pauses_total", "condition", "count")).isEqualTo(0);
            assertThat(metrics.value("parley_in_flight_refusals_total", "condition", "count")).isEqualTo(0);
        }
    }

    private static long rejected(TestClient client, ErrorCode code) {
        return client.events(ChatEvent.Rejected.class).stream().filter(r -> r.code() == code).count();
    }

    @Test
    void aMetricsPortAlreadyInUseStopsTheStartWithAMessageNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MetricsSettings clash = MetricsSettings.on(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    taken.getLocalPort()));

            assertThatThrownBy(() -> fixture.start(ServerLimits.defaults(), clash)).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot serve metrics on").hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
    }
}
