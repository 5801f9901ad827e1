package org.parley.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Parley server's refusal counters from its metrics endpoint (docs/OPERATIONS.md, "Metrics"):
 * each {@code parley_rate_limited_total{bucket="B"}} line becomes the counter {@code B} (e.g.
 * {@code room_backlog}, {@code in_flight}, {@code chat_send}), and each
 * {@code parley_room_backlog_refusals_total{condition="C"}} line the counter {@code room_backlog.C}
 * (which of the room backlog's bounds refused: {@code count}, {@code age}, {@code predicted_wait}).
 * The per-connection bound of requests in flight reads the same way: each
 * {@code parley_in_flight_refusals_total{condition="C"}} becomes {@code in_flight.C} and each
 * {@code parley_in_flight_pauses_total{condition="C"}} (reads paused, not a refusal)
 * {@code in_flight_paused.C}, {@code C} being {@code count} or {@code bytes}. A scrape that fails reads as no counters: the benchmark goes on without them.
 *
 * <p>It also reads the server's own timer of room messages, {@code parley_requests_seconds} of type
 * {@code SendRoomMessage} (from the request's arrival, decoded, on the event loop until its room's lane has
 * checked it and queued it for the group commit): each bucket {@code le="X"} becomes the counter
 * {@value #SERVER_WAIT}{@code le=X} and the count {@value #SERVER_WAIT}{@code count}.
 */
final class MetricsScrape implements ServerCounters {
    private static final String PREFIX = "parley_rate_limited_total{bucket=\"";
    private static final String BACKLOG_PREFIX = "parley_room_backlog_refusals_total{condition=\"";
    private static final String IN_FLIGHT_PREFIX = "parley_in_flight_refusals_total{condition=\"";
    private static final String PAUSES_PREFIX = "parley_in_flight_pauses_total{condition=\"";
    private static final String REQUESTS_BUCKET = "parley_requests_seconds_bucket{";
    private static final String REQUESTS_COUNT = "parley_requests_seconds_count{";
    private static final String ROOM_MESSAGE = "type=\"SendRoomMessage\"";
    /** The prefix of the counters read from the server's timer of room messages. */
    static final String SERVER_WAIT = "server_wait.";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    MetricsScrape(InetSocketAddress endpoint) {
        this.uri = URI.create("http://" + endpoint.getHostString() + ":" + endpoint.getPort() + "/metrics");
    }

    @Override
    public Map<String, Long> read() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : Map.of();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** The refusal counters of one scrape in the Prometheus text format, by bucket. */
    static Map<String, Long> parse(String page) {
        Map<String, Long> counters = new TreeMap<>();
        for (String line : page.split("\n")) {
            if (line.startsWith(PREFIX)) {
                put(counters, line, PREFIX.length(), "");
            } else if (line.startsWith(BACKLOG_PREFIX)) {
                put(counters, line, BACKLOG_PREFIX.length(), "room_backlog.");
            } else if (line.startsWith(IN_FLIGHT_PREFIX)) {
                put(counters, line, IN_FLIGHT_PREFIX.length(), "in_flight.");
            } else if (line.startsWith(PAUSES_PREFIX)) {
                put(counters, line, PAUSES_PREFIX.length(), "in_flight_paused.");
            } else if (line.startsWith(REQUESTS_BUCKET) && line.contains(ROOM_MESSAGE)) {
                int le = line.indexOf("le=\"");
                if (le > 0) {
                    put(counters, line, le + 4, SERVER_WAIT + "le=");
                }
            } else if (line.startsWith(REQUESTS_COUNT) && line.contains(ROOM_MESSAGE)) {
                int value = line.lastIndexOf(' ');
                try {
                    counters.put(SERVER_WAIT + "count", (long) Double.parseDouble(line.substring(value + 1)));
                } catch (NumberFormatException e) {
                    // skipped, as below
                }
            }
        }
        return counters;
    }

    /** Puts the counter of {@code line}, whose label value starts at {@code start}, under {@code prefix} and that value. */
    private static void put(Map<String, Long> counters, String line, int start, String prefix) {
        int end = line.indexOf('"', start);
        int value = line.lastIndexOf(' ');
        if (end > 0 && value > end) {
            try {
                counters.put(prefix + line.substring(start, end), (long) Double.parseDouble(line.substring(value + 1)));
            } catch (NumberFormatException e) {
                // not a number: a line this scrape does not understand is skipped
            }
        }
    }
}
