package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
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

    /** A step offered at {@code rate}, sustained or not, with the generator at {@code generatorCores} of its core. */
    private static FanoutStep offered(double rate, boolean sustained, double generatorCores) {
        long expected = Math.round(rate * 9);
        return new FanoutStep(rate, 1, Math.round(rate), Math.round(rate), 0, expected, sustained ? expected : expected / 2,
                1_000, 2_000, 3_000, 1_000_000, (long) (generatorCores * 1e9), 1_000_000_000L, Map.of(), Map.of());
    }

    @Test
    void aLadderIsRefinedBetweenItsBestSustainedRateAndTheNextRateOfferedEvenlyByRatio() {
        List<FanoutStep> ladder = List.of(offered(1_000, true, 0.2), offered(1_500, true, 0.3),
                offered(2_250, false, 0.4), offered(3_375, false, 0.5));

        List<Double> rates = FanoutSettings.refinement(ladder, 3);

        assertThat(rates).hasSize(3).allSatisfy(rate -> assertThat(rate).isStrictlyBetween(1_500.0, 2_250.0));
        assertThat(rates.get(1) / rates.get(0)).isCloseTo(rates.get(2) / rates.get(1), within(0.01));
        assertThat(rates.get(0) / 1_500).isCloseTo(2_250 / rates.get(2), within(0.01));
    }

    @Test
    void aLadderIsNotRefinedWithoutASustainedStepOrWithNothingOfferedAboveItsBest() {
        assertThat(FanoutSettings.refinement(List.of(offered(1_000, false, 0.2), offered(1_500, false, 0.2)), 3)).isEmpty();
        assertThat(FanoutSettings.refinement(List.of(offered(1_000, true, 0.2), offered(1_500, true, 0.2)), 3)).isEmpty();
        assertThat(FanoutSettings.refinement(List.of(offered(1_000, true, 0.2), offered(1_500, false, 0.2)), 0)).isEmpty();
    }

    @Test
    void aRefinedStepAboveTheOldBestBecomesTheBest() {
        List<FanoutStep> ladder = new ArrayList<>(List.of(offered(1_000, true, 0.2), offered(1_500, false, 0.3)));
        ladder.add(offered(FanoutSettings.refinement(ladder, 1).getFirst(), true, 0.3));

        assertThat(FanoutTable.best(ladder).offeredPerSecond()).isStrictlyBetween(1_000.0, 1_500.0);
    }

    @Test
    void theBestFigureIsMarkedAsTheGeneratorsLimitOnlyWhenTheNextStepFailedWithTheGeneratorsCoreFull() {
        FanoutStep best = offered(1_000, true, 0.5);
        FanoutStep generatorFull = offered(1_500, false, 0.99);
        FanoutStep serverFull = offered(1_500, false, 0.6);

        assertThat(FanoutTable.generatorLimit(List.of(best, generatorFull))).isSameAs(generatorFull);
        assertThat(FanoutTable.generatorLimit(List.of(best, serverFull))).isNull();
        assertThat(FanoutTable.generatorLimit(List.of(best, serverFull, offered(2_250, false, 0.99)))).isNull();
        assertThat(FanoutTable.generatorLimit(List.of(best))).isNull();
    }

    @Test
    void refinementStepsAreBoundedAndNeverNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FanoutSettings(
                4, 2, 100, 1, 1, 0, List.of(10.0), false, FanoutSettings.MAX_REFINE_STEPS + 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new FanoutSettings(
                4, 2, 100, 1, 1, 0, List.of(10.0), false, -1));
    }

    /** A step offered at {@code rate} whose senders' lag p99 and latency p99 from schedule are given. */
    private static FanoutStep late(double rate, boolean sustained, double generatorCores, long lagP99Micros,
            long fromScheduleP99Micros) {
        long expected = Math.round(rate * 9);
        return new FanoutStep(rate, 1, Math.round(rate), Math.round(rate), 0, expected, sustained ? expected : expected / 2,
                1_000, 2_000, 3_000, 1_000_000, (long) (generatorCores * 1e9), 1_000_000_000L, Map.of(), Map.of(),
                new LatencySplit(lagP99Micros / 2, lagP99Micros, lagP99Micros, fromScheduleP99Micros, -1, -1, -1, -1,
                        SocketQueues.Totals.UNKNOWN, -1));
    }

    @Test
    void aStepIsMarkedSendsLateWhenItsSendersLagPassesATenthOfItsLatencyFromScheduleOr5Ms() {
        assertThat(late(1_000, true, 0.5, 5_000, 20_000).sendsLate()).isFalse();
        assertThat(late(1_000, true, 0.5, 5_001, 20_000).sendsLate()).isTrue();
        assertThat(late(1_000, false, 0.5, 40_000, 400_000).sendsLate()).isFalse();
        assertThat(late(1_000, false, 0.5, 40_001, 400_000).sendsLate()).isTrue();
        assertThat(offered(1_000, true, 0.5).sendsLate()).isFalse();
    }

    @Test
    void theSustainedColumnSaysWhetherTheGeneratorsCoreOrItsSendersMayHaveBeenTheLimit() {
        assertThat(FanoutTable.verdict(late(1_000, true, 0.5, 1_000, 20_000))).isEqualTo("yes");
        assertThat(FanoutTable.verdict(late(1_000, true, 0.5, 9_000, 20_000))).isEqualTo("yes (sends late)");
        assertThat(FanoutTable.verdict(late(1_000, false, 0.5, 1_000, 20_000))).isEqualTo("no");
        assertThat(FanoutTable.verdict(late(1_000, false, 0.95, 1_000, 20_000))).isEqualTo("no (generator-bound)");
        assertThat(FanoutTable.verdict(late(1_000, false, 0.5, 900_000, 3_000_000))).isEqualTo("no (sends late)");
        assertThat(FanoutTable.verdict(late(1_000, false, 0.95, 900_000, 3_000_000)))
                .isEqualTo("no (generator-bound, sends late)");
    }

    @Test
    void theBestFigureIsMarkedAsTheGeneratorsLimitWhenTheNextStepFailedWithItsSendersLate() {
        FanoutStep best = offered(1_000, true, 0.5);
        FanoutStep sendersLate = late(1_500, false, 0.7, 900_000, 3_000_000);
        FanoutStep serverLate = late(1_500, false, 0.7, 2_000, 3_000_000);

        assertThat(FanoutTable.generatorLimit(List.of(best, sendersLate))).isSameAs(sendersLate);
        assertThat(FanoutTable.generatorLimit(List.of(best, serverLate))).isNull();
    }

    @Test
    void aSendersMessagesAreDueEvenlyFromOneIntervalAfterTheWindowStarts() {
        assertThat(FanoutLadder.scheduled(1_000L, 0, 1_000)).isEqualTo(1_000L + 1_000_000L);
        assertThat(FanoutLadder.scheduled(1_000L, 4, 1_000)).isEqualTo(1_000L + 5_000_000L);
        assertThat(FanoutLadder.scheduled(0L, 4_899, 4_926.3)).isEqualTo(994_661_307L);
    }

    @Test
    void theSplitLineGivesEachPartInMillisecondsAndEachQueueInMegabytes() {
        LatencySplit split = new LatencySplit(500, 2_000, 3_000, 40_000, 1_000, 5_000, 20_000, 35_000,
                new SocketQueues.Totals(250_000_000, 15_000_000, 3_100_000, 1_900_000), 640_000);

        assertThat(FanoutTable.splitLine(split)).isEqualTo("send lag p50/p99/max 0.50/2.00/3.00 ms; from schedule p99"
                + " 40.00 ms; send to server's stamp p50/p99 1.00/5.00 ms, server's stamp to read p50/p99 20.00/35.00 ms;"
                + " most queued in the kernel: generator unread 250.0 MB, server unsent 15.0 MB, server unread 3.1 MB,"
                + " generator unsent 1.9 MB; most in one sender's own outbound buffer 0.6 MB");
        assertThat(FanoutTable.splitLine(new LatencySplit(500, 2_000, 3_000, 40_000, -1, -1, -1, -1,
                SocketQueues.Totals.UNKNOWN, -1))).isEqualTo("send lag p50/p99/max 0.50/2.00/3.00 ms; from schedule p99 40.00 ms");
    }
}
