package org.parley.server.metrics;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint's answers to requests written byte for byte on a socket: the request-target
 * forms a scraper or proxy may send, requests Netty's HTTP decoder rejects, and a request body that
 * must be discarded without spoiling the answer. Every read is bounded by a generous timeout.
 */
class MetricsEndpointRequestTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final List<Socket> sockets = new ArrayList<>();
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        endpoint = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new MicrometerServerMetrics(), Duration.ofMinutes(10));
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        endpoint.close();
    }

    /** Sends {@code request} and returns everything the endpoint sends until it closes the connection. */
    private String exchange(String request) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(endpoint.address(), (int) PATIENCE.toMillis());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        socket.getOutputStream().write(request.getBytes(US_ASCII));
        socket.getOutputStream().flush();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // closed by a reset rather than a FIN: what arrived before it is kept
        }
        return received.toString(US_ASCII);
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
