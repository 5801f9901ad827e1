package org.parley.server.metrics;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint against clients that misbehave on purpose: a request that never ends, more
 * connections than the endpoint holds, a request larger than it reads. None of them may stop the
 * scrapes of others for longer than the request deadline, and none may hold a connection (a file
 * descriptor of the server's process, shared with the chat server) past that deadline or past the
 * cap. Every wait is bounded by a generous timeout, never by a measured duration.
 */
class MetricsEndpointHostileClientTest {
    private static final Duration PATIENCE = RawConnections.PATIENCE;
    private final RawConnections raw = new RawConnections();
    private MetricsEndpoint endpoint;

    @AfterEach
    void closeEverything() throws IOException {
        raw.close();
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private void start(Duration requestDeadline) throws IOException {
        endpoint = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new MicrometerServerMetrics(), requestDeadline);
    }

    /** A connection that has sent {@code bytes} and then nothing more. */
    private Socket sent(String bytes) throws IOException {
        return raw.sent(endpoint.address(), bytes);
    }

    private static String untilClosed(Socket socket) throws IOException {
        return RawConnections.untilClosed(socket);
    }

    private HttpResponse<String> scrape() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
        URI uri = URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/metrics");
        return http.send(HttpRequest.newBuilder(uri).timeout(PATIENCE).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestThatNeverEndsDoesNotHoldUpOtherScrapesAndIsClosedAtTheDeadline() throws Exception {
        start(Duration.ofSeconds(1));
        Socket stalled = sent("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n");

        HttpResponse<String> meanwhile = scrape();

        assertThat(meanwhile.statusCode()).isEqualTo(200);
        assertThat(meanwhile.body()).contains("# TYPE parley_connections gauge");
        assertThat(untilClosed(stalled)).as("closed at the deadline, unanswered").isEmpty();
    }

    @Test
    void aConnectionPastTheCapIsClosedUnansweredAndAScrapeWorksOnceTheHeldOnesAreGone() throws Exception {
        start(Duration.ofMinutes(10));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < MetricsEndpoint.MAX_CONNECTIONS; i++) {
            held.add(sent("G"));
        }

        Socket extra = sent("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(untilClosed(extra)).as("a complete request past the cap gets no answer").isEmpty();
        for (Socket socket : held) {
            socket.close();
        }
        // The endpoint may accept the next connection before it has seen all the held ones close.
        await().atMost(PATIENCE).ignoreExceptions().until(() -> scrape().statusCode() == 200);
    }

    @Test
    void aRequestLargerThanTheEndpointReadsIsRefusedAndClosed() throws Exception {
        start(Duration.ofMinutes(10));
        Socket large = sent("GET /metrics HTTP/1.1\r\nX-Filler: " + "a".repeat(MetricsEndpoint.MAX_HEADER_BYTES));

        assertThat(untilClosed(large)).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void aRequestTrickledOneByteAtATimeIsAnsweredOnceItsHeadersEnd() throws Exception {
        start(Duration.ofMinutes(10));
        Socket trickle = sent("");
        trickle.setTcpNoDelay(true);
        for (byte b : "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(US_ASCII)) {
            trickle.getOutputStream().write(b);
            trickle.getOutputStream().flush();
        }

        assertThat(untilClosed(trickle)).startsWith("HTTP/1.1 200 ").contains("# TYPE parley_connections gauge");
    }
}
