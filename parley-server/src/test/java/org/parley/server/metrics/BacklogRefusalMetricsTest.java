package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The room backlog's refusals are counted by the bound that refused, every condition present from the
 * start (a scrape shows zeros, not a missing series), alongside the bucket counter.
 */
class BacklogRefusalMetricsTest {
    private final MicrometerServerMetrics metrics = new MicrometerServerMetrics();

    @Test
    void eachRoomBacklogRefusalIsCountedUnderItsConditionAndItsBucket() {
        for (BacklogBound bound : new BacklogBound[] {BacklogBound.COUNT, BacklogBound.COUNT, BacklogBound.BYTES, BacklogBound.PREDICTED_WAIT}) {
            metrics.rateLimited(RateBucket.ROOM_BACKLOG);
            metrics.roomBacklogRefused(bound);
        }

        PrometheusText scrape = PrometheusText.parse(metrics.scrape());
        assertThat(scrape.value("parley_room_backlog_refusals_total", "condition", "count")).isEqualTo(2);
        assertThat(scrape.value("parley_room_backlog_refusals_total", "condition", "bytes")).isEqualTo(1);
        assertThat(scrape.value("parley_room_backlog_refusals_total", "condition", "age")).isEqualTo(0);
        assertThat(scrape.value("parley_room_backlog_refusals_total", "condition", "predicted_wait")).isEqualTo(1);
        assertThat(scrape.value("parley_rate_limited_total", "bucket", "room_backlog")).isEqualTo(4);
    }
}
