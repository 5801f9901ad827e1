package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsScrapeTest {

    @Test
    void readsEveryRefusalBucketAndIgnoresOtherMetrics() {
        String page = """
                # HELP parley_rate_limited_total Work refused by a rate limit
                # TYPE parley_rate_limited_total counter
                parley_rate_limited_total{bucket="in_flight"} 12.0
                parley_rate_limited_total{bucket="room_backlog"} 851.0
                parley_deliveries_total 6.0
                parley_rate_limited_total{bucket="broken"} not-a-number
                """;

        assertThat(MetricsScrape.parse(page)).containsExactly(entry("in_flight", 12L), entry("room_backlog", 851L));
    }

    @Test
    void readsTheRoomBacklogRefusalsByConditionUnderTheirBucket() {
        String page = """
                parley_rate_limited_total{bucket="room_backlog"} 851.0
                parley_room_backlog_refusals_total{condition="age"} 0.0
                parley_room_backlog_refusals_total{condition="count"} 800.0
                parley_room_backlog_refusals_total{condition="predicted_wait"} 51.0
                """;

        assertThat(MetricsScrape.parse(page)).containsExactly(entry("room_backlog", 851L), entry("room_backlog.age", 0L),
                entry("room_backlog.count", 800L), entry("room_backlog.predicted_wait", 51L));
    }

    @Test
    void readsTheConnectionsPausesAndRefusalsByTheBoundOfItsRequestsInFlight() {
        String page = """
                parley_rate_limited_total{bucket="in_flight"} 7.0
                parley_rate_limited_total{bucket="lane"} 2.0
                parley_in_flight_pauses_total{condition="bytes"} 3.0
                parley_in_flight_pauses_total{condition="count"} 1.0
                parley_in_flight_refusals_total{condition="bytes"} 7.0
                parley_in_flight_refusals_total{condition="count"} 0.0
                """;

        assertThat(MetricsScrape.parse(page)).containsExactly(entry("in_flight", 7L), entry("in_flight.bytes", 7L),
                entry("in_flight.count", 0L), entry("in_flight_paused.bytes", 3L), entry("in_flight_paused.count", 1L),
                entry("lane", 2L));
    }

    @Test
    void aStepReportsOnlyTheCountersThatRoseAndByHowMuch() {
        Map<String, Long> before = Map.of("in_flight", 10L, "room_backlog", 5L);
        Map<String, Long> after = Map.of("in_flight", 10L, "room_backlog", 856L, "chat_send", 3L);

        assertThat(FanoutLadder.increase(before, after)).containsExactly(entry("chat_send", 3L), entry("room_backlog", 851L));
    }

    @Test
    void readsTheServersTimerOfRoomMessagesByBucketAndNoOtherRequestType() {
        String page = """
                parley_requests_seconds_bucket{type="SendRoomMessage",le="0.001"} 10.0
                parley_requests_seconds_bucket{type="SendRoomMessage",le="0.1"} 90.0
                parley_requests_seconds_bucket{type="SendRoomMessage",le="+Inf"} 100.0
                parley_requests_seconds_count{type="SendRoomMessage"} 100.0
                parley_requests_seconds_bucket{type="JoinRoom",le="0.001"} 3.0
                parley_requests_seconds_count{type="JoinRoom"} 3.0
                """;

        assertThat(MetricsScrape.parse(page)).containsExactly(entry("server_wait.count", 100L),
                entry("server_wait.le=+Inf", 100L), entry("server_wait.le=0.001", 10L), entry("server_wait.le=0.1", 90L));
    }

    @Test
    void theServersWaitIsPrintedAsTheShareOfTheStepsRoomMessagesWithinEachBucket() {
        Map<String, Long> rose = Map.of("server_wait.count", 200L, "server_wait.le=0.025", 50L, "server_wait.le=0.1", 100L,
                "server_wait.le=0.5", 150L, "server_wait.le=2.5", 200L, "in_flight", 7L);

        assertThat(FanoutTable.serverWaitLine(rose)).isEqualTo("server's own time from a room message's arrival to its"
                + " lane's check (200 messages): <= 1 ms 0.0 %, <= 5 ms 0.0 %, <= 25 ms 25.0 %, <= 100 ms 50.0 %,"
                + " <= 500 ms 75.0 %, <= 2500 ms 100.0 %");
        assertThat(FanoutTable.serverWaitLine(Map.of("in_flight", 7L))).isNull();
    }
}
