package org.parley.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The metrics endpoint: the JDK's HTTP server on its own address, answering {@code GET /metrics}
 * with {@link MicrometerServerMetrics#scrape()} in the Prometheus text format, and nothing else
 * (another path: 404; another method: 405, with {@code Allow: GET}).
 *
 * <p>Bounded: one thread serves every request in turn, so scrapes cannot take more than one core
 * however many arrive; the accept backlog is {@value #BACKLOG}; a request body is never read;
 * the answer's size is fixed by the code, since every label comes from a closed set. The JDK
 * server's own limits bound request headers. The server does not log requests.
 */
public final class MetricsEndpoint implements AutoCloseable {
    static final String PATH = "/metrics";
    /** Prometheus text exposition format 0.0.4, what every Prometheus version scrapes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final int BACKLOG = 8;
    private final HttpServer server;
    private final ExecutorService thread;

    private MetricsEndpoint(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /** Binds {@code address} and starts serving {@code metrics}. */
    public static MetricsEndpoint start(InetSocketAddress address, MicrometerServerMetrics metrics) throws IOException {
        HttpServer server = HttpServer.create(address, BACKLOG);
        ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("parley-metrics").daemon(true).factory());
        server.createContext("/", exchange -> answer(exchange, metrics));
        server.setExecutor(thread);
        server.start();
        return new MetricsEndpoint(server, thread);
    }

    private static void answer(HttpExchange exchange, MicrometerServerMetrics metrics) throws IOException {
        try (exchange; InputStream ignored = exchange.getRequestBody()) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
            } else {
                byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The address actually bound (an ephemeral port when port 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops answering at once and stops the thread. */
    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
