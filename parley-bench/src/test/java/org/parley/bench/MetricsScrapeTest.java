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
    void aStepReportsOnlyTheCountersThatRoseAndByHowMuch() {
        Map<String, Long> before = Map.of("in_flight", 10L, "room_backlog", 5L);
        Map<String, Long> after = Map.of("in_flight", 10L, "room_backlog", 856L, "chat_send", 3L);

        assertThat(FanoutLadder.increase(before, after)).containsExactly(entry("chat_send", 3L), entry("room_backlog", 851L));
    }
}
