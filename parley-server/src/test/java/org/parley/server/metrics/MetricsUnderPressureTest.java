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
import org.parley.protocol.chat.PresenceChange;
import org.parley.server.ServerLimits;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/**
 * The metrics of refused and failed handshakes, slow readers and end-to-end sends, and a metrics
 * port already taken.
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
    void aMetricsPortAlreadyInUseStopsTheStartWithAMessageNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MetricsSettings clash = MetricsSettings.on(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    taken.getLocalPort()));

            assertThatThrownBy(() -> fixture.start(ServerLimits.defaults(), clash)).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot serve metrics on").hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
    }
}
