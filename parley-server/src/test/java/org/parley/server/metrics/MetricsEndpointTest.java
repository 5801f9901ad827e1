package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.parley.server.testing.ServerFixture.join;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.ServerLimits;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * The metrics endpoint of a real server after real traffic: clients that handshake, register,
 * log in (and fail to), write to a room and hit the rate limit; then an HTTP GET of /metrics,
 * parsed as Prometheus text, must count exactly that. The server's clock stands still, so the
 * send bucket does not refill during the test.
 */
class MetricsEndpointTest {
    private static final int SEND_BURST = 3;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T04:00:00Z"));
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedByEachTest(clock);
    private final HttpClient http = HttpClient.newHttpClient();

    private static ServerLimits limits() {
        return ServerLimits.defaults().withChatRates(new RequestRate(SEND_BURST, 1), ServerLimits.defaults().chatReadRate());
    }

    private URI metricsUri(String path) {
        InetSocketAddress address = fixture.server().metricsAddress().orElseThrow();
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(metricsUri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private PrometheusText scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    @Test
    void aScrapeAfterRealTrafficCountsTheHandshakesLoginsMessagesDeliveriesAndRefusalsThatHappened() throws Exception {
        fixture.start(limits(), MetricsSettings.on(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        join(alice, "lobby");
        join(bob, "lobby");
        List<Long> sent = List.of(alice.say("lobby", "one"), alice.say("lobby", "two"), alice.say("lobby", "three"),
                alice.say("lobby", "four"));
        alice.awaitEvent(ChatEvent.Rejected.class, r -> r.requestId() == sent.getLast());
        await().atMost(Duration.ofSeconds(20)).until(() -> bob.events(ChatEvent.RoomMessage.class).size() == SEND_BURST);
        TestClient bobAgain = fixture.connect();
        assertThat(bobAgain.login("bob", ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        TestClient wrong = fixture.connect();
        assertThat(wrong.login("bob", "not the password".toCharArray())).isInstanceOf(AuthFailed.class);
        wrong.awaitClosed();

        // Counters are updated just after the answers leave (on the lane, on the event loop), and the
        // connection gauges when the server's side of a closed connection has gone (the refused login's
        // client may see the close first): poll until they settle.
        AtomicReference<PrometheusText> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            last.set(scrape());
            return last.get().value("parley_deliveries_total") == 2.0 * SEND_BURST
                    && last.get().value("parley_requests_seconds_count", "type", "SendRoomMessage") == SEND_BURST
                    && last.get().value("parley_connections", "phase", "handshaking") == 0
                    && last.get().value("parley_connections", "phase", "authenticating") == 0;
        });
        PrometheusText metrics = last.get();

        assertThat(alice.events(ChatEvent.Rejected.class)).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(metrics.value("parley_connections", "phase", "chatting")).isEqualTo(3);
        assertThat(metrics.value("parley_connections", "phase", "authenticating")).isEqualTo(0);
        assertThat(metrics.sum("parley_handshakes_total", "outcome", "success")).isEqualTo(4);
        assertThat(metrics.sum("parley_handshakes_total", "outcome", "failure")).as("no failed handshake, no series").isNaN();
        assertThat(metrics.value("parley_logins_total", "method", "registration", "outcome", "success")).isEqualTo(2);
        assertThat(metrics.value("parley_logins_total", "method", "scram_sha_256", "outcome", "success")).isEqualTo(1);
        assertThat(metrics.sum("parley_logins_total", "outcome", "failure")).isEqualTo(1);
        assertThat(metrics.value("parley_messages_received_total", "kind", "room")).isEqualTo(SEND_BURST);
        assertThat(metrics.value("parley_messages_received_total", "kind", "end_to_end")).isEqualTo(0);
        assertThat(metrics.value("parley_rate_limited_total", "bucket", "chat_send")).isEqualTo(1);
        assertThat(metrics.value("parley_rate_limited_total", "bucket", "chat_read")).isEqualTo(0);
        assertThat(metrics.value("parley_requests_seconds_count", "type", "SendRoomMessage")).isEqualTo(SEND_BURST);
        assertThat(metrics.value("parley_requests_seconds_count", "type", "JoinRoom")).isEqualTo(2);
        assertThat(metrics.value("parley_requests_seconds_bucket", "type", "SendRoomMessage", "le", "+Inf"))
                .isEqualTo(SEND_BURST);
        assertThat(metrics.value("parley_sqlite_commit_writes_count"))
                .as("two registrations and three messages, each its own transaction today").isGreaterThanOrEqualTo(5);
        assertThat(metrics.value("parley_sqlite_commit_seconds_count")).isEqualTo(metrics.value("parley_sqlite_commit_writes_count"));
        assertThat(metrics.value("parley_chat_lane_depth_count")).isGreaterThanOrEqualTo(SEND_BURST + 2);
        assertThat(metrics.value("parley_chat_queued")).isGreaterThanOrEqualTo(0);
        assertThat(metrics.value("parley_store_writable")).isEqualTo(1);
        assertThat(metrics.value("parley_backpressure_events_total")).isEqualTo(0);
        assertThat(metrics.value("parley_e2e_envelopes_queued_total")).isEqualTo(0);
        // Every bound that answers server_busy or pauses a sender is a series from the start (zero here;
        // MetricsUnderPressureTest, ChatServiceCostTest and ChatGroupCommitTest make them move).
        for (String bucket : List.of("room_backlog", "lane", "chat_queue", "commit_queue", "in_flight")) {
            assertThat(metrics.value("parley_rate_limited_total", "bucket", bucket)).as(bucket).isEqualTo(0);
        }
        for (String condition : List.of("count", "bytes")) {
            assertThat(metrics.value("parley_in_flight_pauses_total", "condition", condition)).as(condition).isEqualTo(0);
            assertThat(metrics.value("parley_in_flight_refusals_total", "condition", condition)).as(condition).isEqualTo(0);
        }
    }

    @Test
    void noLabelCarriesAUserNameARoomNameOrMessageText() throws Exception {
        fixture.start(limits(), MetricsSettings.on(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        TestClient alice = fixture.registered("alice");
        join(alice, "lobby");
        long id = alice.say("lobby", "secret words");
        alice.awaitEvent(ChatEvent.Accepted.class, a -> a.requestId() == id);

        String body = get("/metrics").body();

        assertThat(body).doesNotContainIgnoringCase("alice").doesNotContainIgnoringCase("lobby").doesNotContain("secret");
        for (PrometheusText.Sample sample : PrometheusText.parse(body).samples()) {
            assertThat(sample.labels().values()).allSatisfy(v -> assertThat(v).doesNotContain("alice", "lobby"));
        }
    }

    @Test
    void onlyGetOfTheMetricsPathIsAnswered() throws Exception {
        fixture.start(limits(), MetricsSettings.on(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(metricsUri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = get("/other");
        HttpResponse<String> metrics = get("/metrics");

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(metrics.headers().firstValue("Content-Type")).contains(MetricsEndpoint.CONTENT_TYPE);
        assertThat(metrics.body()).contains("# TYPE parley_connections gauge");
    }

    @Test
    void withMetricsOffTheServerOpensNoMetricsPort() throws Exception {
        assertThat(refusesConnections(MetricsSettings.DEFAULT_PORT)).as("precondition: nothing on the default port").isTrue();

        fixture.start(limits());

        assertThat(fixture.server().metricsAddress()).isEmpty();
        assertThat(refusesConnections(MetricsSettings.DEFAULT_PORT)).isTrue();
    }

    @Test
    void theEndpointStopsWithTheServer() throws Exception {
        fixture.start(limits(), MetricsSettings.on(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        int port = fixture.server().metricsAddress().orElseThrow().getPort();
        assertThat(refusesConnections(port)).isFalse();

        fixture.server().close();

        assertThat(refusesConnections(port)).isTrue();
    }

    @Test
    void aNonLoopbackAddressIsRefusedUnlessTheOperatorAllowsIt() throws Exception {
        InetSocketAddress everywhere = new InetSocketAddress("0.0.0.0", MetricsSettings.DEFAULT_PORT);
        InetSocketAddress lan = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}), 9464);

        assertThatThrownBy(() -> MetricsSettings.on(everywhere)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback").hasMessageContaining("metrics.allow-non-loopback");
        assertThatThrownBy(() -> MetricsSettings.on(lan)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MetricsSettings(Optional.of(lan), true).listen()).contains(lan);
        assertThat(MetricsSettings.on(new InetSocketAddress("::1", 9464)).listen()).isPresent();
    }

    private static boolean refusesConnections(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
