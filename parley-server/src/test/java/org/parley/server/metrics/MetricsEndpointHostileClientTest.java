package org.parley.server.metrics;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
    /** How long the test waits for something that must happen; far above any deadline used here. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final List<Socket> sockets = new ArrayList<>();
    private MetricsEndpoint endpoint;

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
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
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(endpoint.address(), (int) PATIENCE.toMillis());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        socket.getOutputStream().write(bytes.getBytes(US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * Everything the endpoint sends until it closes the connection; a reset counts as a close.
     * Throws {@link java.net.SocketTimeoutException} if the endpoint keeps it open past {@link #PATIENCE}.
     */
    private static String untilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw stillOpen;
        } catch (SocketException reset) {
            // closed by a reset rather than a FIN: still closed
        }
        return received.toString(US_ASCII);
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
