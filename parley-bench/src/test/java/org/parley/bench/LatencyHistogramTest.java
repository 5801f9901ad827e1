package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void anEmptyHistogramReportsZero() {
        assertThat(new LatencyHistogram().percentile(0.99)).isZero();
    }

    @Test
    void smallValuesAreExactAndPercentilesPickTheRightRank() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentile(0.50)).isEqualTo(50);
        assertThat(h.percentile(0.99)).isEqualTo(99);
        assertThat(h.percentile(1.0)).isEqualTo(100);
    }

    @Test
    void largeValuesAreRoundedUpByLessThanOnePercent() {
        for (long value : new long[] {256, 1_000, 49_999, 50_000, 1_234_567, 3_000_000_000L}) {
            LatencyHistogram h = new LatencyHistogram();
            h.record(value);
            assertThat(h.percentile(0.5)).as("value %d", value).isBetween(value, value + value / 100);
        }
    }

    @Test
    void bucketEdgesNeverGoDownAcrossTheWholeRange() {
        long previous = -1;
        for (int index = 0; index < 256 + 33 * 128; index++) {
            long edge = LatencyHistogram.upperEdge(index);
            assertThat(edge).isGreaterThan(previous);
            assertThat(LatencyHistogram.index(edge)).isEqualTo(index);
            previous = edge;
        }
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new LatencyHistogram().percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyHistogram().percentile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
