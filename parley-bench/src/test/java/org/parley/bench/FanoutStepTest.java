package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanoutStepTest {

    private static FanoutStep step(long expected, long delivered, long p99Micros) {
        return new FanoutStep(100, 1, expected / 9, expected / 9, 0, expected, delivered, p99Micros / 2, p99Micros,
                p99Micros, 1_000_000, 1_000_000, 1_000_000_000L, Map.of(), Map.of());
    }

    @Test
    void aStepIsSustainedOnlyWith999PerMilleDeliveredAndP99AtMost50Ms() {
        assertThat(step(10_000, 9_990, 50_000).sustained()).isTrue();
        assertThat(step(10_000, 9_989, 50_000).sustained()).isFalse();
        assertThat(step(10_000, 10_000, 50_001).sustained()).isFalse();
        assertThat(step(0, 0, 0).sustained()).isFalse();
    }

    @Test
    void aStepKeepsUpWithP99UpToOneSecondButNotAbove() {
        assertThat(step(10_000, 10_000, 1_000_000).keptUp()).isTrue();
        assertThat(step(10_000, 10_000, 1_000_001).keptUp()).isFalse();
        assertThat(step(10_000, 9_000, 10_000).keptUp()).isFalse();
    }

    @Test
    void theBestStepIsTheFastestSustainedOneAndThePeakTheFastestThatKeptUp() {
        FanoutStep slowSustained = step(9_000, 9_000, 10_000);
        FanoutStep fastNotSustained = step(90_000, 90_000, 400_000);
        FanoutStep overloaded = step(900_000, 500_000, 3_000_000);
        List<FanoutStep> ladder = List.of(slowSustained, fastNotSustained, overloaded);

        assertThat(FanoutTable.best(ladder)).isSameAs(slowSustained);
        assertThat(FanoutTable.peak(ladder)).isSameAs(fastNotSustained);
        assertThat(FanoutTable.best(List.of(overloaded))).isNull();
    }
}
