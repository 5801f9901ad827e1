package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint's answers to requests written byte for byte on a socket: the request-target
 * forms a scraper or proxy may send, requests Netty's HTTP decoder rejects, and a request body that
 * must be discarded without spoiling the answer. Every read is bounded by a generous timeout.
 */
class MetricsEndpointRequestTest {
    private final RawConnections raw = new RawConnections();
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        endpoint = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new MicrometerServerMetrics(), Duration.ofMinutes(10));
    }

    @AfterEach
    void closeEverything() throws IOException {
        raw.close();
        endpoint.close();
    }

    /** Sends {@code request} and returns everything the endpoint sends until it closes the connection. */
    private String exchange(String request) throws IOException {
        return raw.exchange(endpoint.address(), request);
    }

    @Test
    void anAbsoluteFormRequestTargetForTheMetricsPathIsAnswered() throws IOException {
        String target = "http://127.0.0.1:" + endpoint.address().getPort() + "/metrics";

        String answer = exchange("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200 ").containsIgnoringCase("connection: close")
                .contains("# TYPE parley_connections gauge");
    }

    @Test
    void anAbsoluteFormRequestTargetForAnotherPathIsNotFound() throws IOException {
        String answer = exchange("GET http://127.0.0.1/other HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 404 ");
    }

    @Test
    void theQueryIsIgnored() throws IOException {
        String answer = exchange("GET /metrics?name[]=parley_connections HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("# TYPE parley_connections gauge");
    }

    @Test
    void aRequestLineThatIsNotHttpIsABadRequest() throws IOException {
        assertThat(exchange("GET /metrics\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /metrics SPDY/3.1\r\nHost: 127.0.0.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aRequestLineOverItsLimitIsRefusedAsTooLarge() throws IOException {
        String answer = exchange("GET /metrics?" + "q".repeat(MetricsEndpoint.MAX_REQUEST_LINE_BYTES) + " HTTP/1.1\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void aRequestBodyIsDiscardedAndTheAnswerArrivesWhole() throws IOException {
        String body = "x".repeat(32 * 1024);

        String answer = exchange("POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body);

        assertThat(answer).startsWith("HTTP/1.1 405 ").containsIgnoringCase("allow: GET")
                .containsIgnoringCase("content-length: 0").endsWith("\r\n\r\n");
    }
}
