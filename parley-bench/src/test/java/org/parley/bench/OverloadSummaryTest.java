package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverloadSummaryTest {

    /** A 5 s step of a room of 100 members: every message offered should reach 99 of them. */
    private static FanoutStep step(double offered, long delivered, long p99Micros, List<Long> timeline) {
        return new FanoutStep(offered, 5, (long) (offered * 5), 0, 0, 0, (long) (offered * 5) * 99, delivered,
                p99Micros / 2, p99Micros, p99Micros, 1, 1, 1, Map.of(), Map.of(), LatencySplit.NONE, timeline);
    }

    @Test
    void theSequenceOffersTheSustainedRateThenOneAndAHalfTwiceAndHalfOfIt() {
        assertThat(OverloadSummary.rates(32_842)).containsExactly(32_842.0, 49_263.0, 65_684.0, 16_421.0);
        assertThatIllegalArgumentException().isThrownBy(() -> OverloadSummary.rates(0));
    }

    @Test
    void theShareAtTwiceTheRateIsItsDeliveriesOverTheMaximumTheSustainedRateOffered() {
        // S = 1,000 msg/s to 99 others: a maximum of 99,000 deliveries a second, whatever the S step delivered this time.
        List<FanoutStep> steps = List.of(step(1_000, 400_000, 10_000, List.of()), step(1_500, 480_000, 30_000, List.of()),
                step(2_000, 455_400, 40_000, List.of()), step(500, 247_500, 5_000, List.of(5_000L)));

        OverloadSummary summary = OverloadSummary.of(steps);

        assertThat(summary.deliveredShareAt2x()).isCloseTo(0.92, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(summary.deliversEnoughAt2x()).isTrue();
        assertThat(summary.p99At15xMicros()).isEqualTo(30_000);
        assertThat(summary.p99At2xMicros()).isEqualTo(40_000);
        assertThat(summary.p99At05xMicros()).isEqualTo(5_000);
        assertThat(summary.recoveryMillis()).isZero();
    }

    @Test
    void recoveryEndsWithTheLastSlotAboveTheBoundAfterWhichEverySlotStaysWithinIt() {
        // 0-100 ms and 200-300 ms above 50 ms; 100-200 ms within it, but the latency came back above after.
        assertThat(OverloadSummary.recoveryMillis(List.of(80_000L, 20_000L, 60_000L, 10_000L, 9_000L))).isEqualTo(300);
    }

    @Test
    void aSlotWithoutDeliveriesNeitherRecoversNorDelaysRecovery() {
        assertThat(OverloadSummary.recoveryMillis(List.of(80_000L, -1L, 10_000L))).isEqualTo(100);
        assertThat(OverloadSummary.recoveryMillis(List.of(80_000L, 10_000L, -1L))).isEqualTo(100);
    }

    @Test
    void aStepWhoseLastSlotIsStillAboveTheBoundDidNotRecover() {
        assertThat(OverloadSummary.recoveryMillis(List.of(10_000L, 60_000L, -1L))).isEqualTo(-1);
    }

    @Test
    void aStepThatDeliveredNothingDidNotRecover() {
        // An open-loop 2S step can leave every member disconnected as a slow reader: no latency is not a good one.
        assertThat(OverloadSummary.recoveryMillis(List.of())).isEqualTo(-1);
        assertThat(OverloadSummary.recoveryMillis(List.of(-1L, -1L))).isEqualTo(-1);
    }

    @Test
    void aSequenceOfOtherThanFourStepsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> OverloadSummary.of(List.of()));
    }
}
