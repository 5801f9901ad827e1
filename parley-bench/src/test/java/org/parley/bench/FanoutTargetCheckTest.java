package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanoutTargetCheckTest {
    /** RESULT lines as BenchMain writes a fan-out ladder's figure (the 2026-12-06 10:40 run's, but Redis's). */
    private static final String NGIRCD = "RESULT\tfanout-N100\tngircd\t1.44500e+06\tdeliveries/s\t14596 msg/s, p50 7.26 ms,"
            + " p99 35.07 ms, p99.9 43.52 ms, 0.62 µs server CPU/delivery, generator 0.86 cores (0.599 µs/delivery)";
    private static final String INSPIRCD = "RESULT\tfanout-N100\tinspircd\t1.44500e+06\tdeliveries/s\t14596 msg/s, p50 4.99 ms,"
            + " p99 28.93 ms, p99.9 37.12 ms, 0.59 µs server CPU/delivery, generator 0.89 cores (0.621 µs/delivery);"
            + " generator-bound above: at 16153 msg/s the generator used 0.91 of its core, its senders' lag p99 7.55 ms";
    private static final String REDIS_HIGHER = "RESULT\tfanout-N100\tredis\t2.16770e+06\tdeliveries/s\t21895 msg/s, p50 2.01 ms,"
            + " p99 40.19 ms, p99.9 45.57 ms, 0.99 µs server CPU/delivery, generator 0.91 cores (0.953 µs/delivery)";
    private static final String PARLEY = "RESULT\tfanout-N100\tparley\t3.25136e+06\tdeliveries/s\t32842 msg/s, p50 5.73 ms,"
            + " p99 39.94 ms, p99.9 60.16 ms, 0.29 µs server CPU/delivery, generator 0.86 cores (0.265 µs/delivery)";
    private static final String NGIRCD_NONE = "RESULT\tfanout-N100\tngircd\t0.00000\tdeliveries/s\tno step sustained";

    private static FanoutTargetCheck run(List<String> lines, String label) {
        FanoutTargetCheck.Choice choice = FanoutTargetCheck.choose(lines, 100, label);
        assertThat(choice).isInstanceOf(FanoutTargetCheck.Choice.Run.class);
        return ((FanoutTargetCheck.Choice.Run) choice).check();
    }

    private static String skipReason(List<String> lines, String label) {
        FanoutTargetCheck.Choice choice = FanoutTargetCheck.choose(lines, 100, label);
        assertThat(choice).isInstanceOf(FanoutTargetCheck.Choice.Skip.class);
        return ((FanoutTargetCheck.Choice.Skip) choice).reason();
    }

    /** A 5 s step of Parley at {@code offered} msg/s to 99 others, {@code deliveredShare} of them delivered. */
    private static FanoutStep parleyAt(double offered, double deliveredShare, long p99Micros) {
        long sent = Math.round(offered * 5);
        long expected = sent * 99;
        return new FanoutStep(offered, 5, sent, sent, 0, 0, expected, (long) Math.ceil(expected * deliveredShare), p99Micros / 4,
                p99Micros, p99Micros, 5_000_000_000L, 4_000_000_000L, 5_500_000_000L, Map.of(), Map.of(),
                LatencySplit.NONE, List.of());
    }

    @Test
    void theRateIsOneAndAHalfTimesNgircdsSustainedMessagesRoundedUp() {
        FanoutTargetCheck check = run(List.of(PARLEY, NGIRCD, INSPIRCD), "ngircd");

        assertThat(check.peer()).isEqualTo("ngircd");
        assertThat(check.peerMessagesPerSecond()).isEqualTo(14_596);
        assertThat(check.peerP99Millis()).isEqualTo(35.07);
        assertThat(check.rate()).isEqualTo(21_894);
        assertThat(new FanoutTargetCheck("ngircd", "ngircd", 14_597, 1_445_103, 35.07).rate())
                .as("1.5 x 14,597 = 21,895.5, rounded up").isEqualTo(21_896);
    }

    @Test
    void theWarmUpIsTheTwoLadderStepsBelowTheRate() {
        FanoutTargetCheck check = new FanoutTargetCheck("ngircd", "ngircd", 21_895, 2_167_605, 30);

        assertThat(check.rate()).isEqualTo(32_843);
        assertThat(check.warmUpRates()).containsExactly(14_597.0, 21_895.0);
    }

    @Test
    void aStepThatIsSustainedWithAP99NoWorseThanNgircdsMeetsTheTarget() {
        FanoutTargetCheck check = run(List.of(NGIRCD), "ngircd");

        assertThat(check.met(parleyAt(21_894, 0.9995, 35_070))).as("p99 equal to ngIRCd's").isTrue();
        assertThat(check.met(parleyAt(21_894, 0.999, 12_000))).as("99.9 % delivered exactly").isTrue();
    }

    @Test
    void aStepThatDeliversLessOrWaitsLongerThanNgircdMissesTheTarget() {
        FanoutTargetCheck check = run(List.of(NGIRCD), "ngircd");

        assertThat(check.met(parleyAt(21_894, 0.998, 12_000))).as("99.8 % delivered").isFalse();
        assertThat(check.met(parleyAt(21_894, 1.0, 35_080))).as("p99 10 µs above ngIRCd's").isFalse();
        FanoutTargetCheck slowPeer = new FanoutTargetCheck("ngircd", "ngircd", 14_596, 1_445_000, 49.0);
        assertThat(slowPeer.met(parleyAt(21_894, 1.0, 49_000))).isTrue();
        assertThat(new FanoutTargetCheck("ngircd", "ngircd", 14_596, 1_445_000, 80.0).met(parleyAt(21_894, 1.0, 60_000)))
                .as("within a slow peer's p99 but above the sustained bound of 50 ms").isFalse();
    }

    @Test
    void withoutASustainedNgircdStepTheCheckIsSkippedWithAReason() {
        assertThat(skipReason(List.of(PARLEY, NGIRCD_NONE), "ngircd")).isEqualTo("ngIRCd sustained no step at N = 100");
        assertThat(skipReason(List.of(PARLEY), "ngircd")).isEqualTo("no ngIRCd ladder at N = 100 in this run");
        assertThat(skipReason(List.of(NGIRCD.replace("fanout-N100", "fanout-N10")), "ngircd"))
                .as("another N's ladder does not count").isEqualTo("no ngIRCd ladder at N = 100 in this run");
    }

    @Test
    void theBestPeerIsCheckedOnlyWhenItSustainedMoreDeliveriesThanNgircd() {
        assertThat(skipReason(List.of(PARLEY, NGIRCD, INSPIRCD), "best-peer"))
                .as("InspIRCd equal to ngIRCd").startsWith("no peer sustained more deliveries a second than ngIRCd");

        FanoutTargetCheck best = run(List.of(PARLEY, NGIRCD, INSPIRCD, REDIS_HIGHER), "best-peer");

        assertThat(best.peer()).isEqualTo("redis");
        assertThat(best.label()).isEqualTo("best-peer");
        assertThat(best.rate()).isEqualTo(32_843);
        assertThat(best.peerP99Millis()).isEqualTo(40.19);
        assertThat(run(List.of(NGIRCD_NONE, INSPIRCD), "best-peer").peer()).as("ngIRCd sustained nothing").isEqualTo("inspircd");
        assertThat(skipReason(List.of(PARLEY, NGIRCD_NONE), "best-peer")).isEqualTo("no peer sustained a step at N = 100");
    }

    @Test
    void anUnknownCheckIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> FanoutTargetCheck.choose(List.of(NGIRCD), 100, "parley"));
    }

    @Test
    void theReportGivesTheRateTheShareDeliveredBothP99sAndTheVerdictFirst() {
        FanoutTargetCheck check = run(List.of(NGIRCD), "ngircd");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        check.report(100, parleyAt(21_894, 0.9995, 20_000), new Results(new PrintStream(out, true, StandardCharsets.UTF_8)));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("RESULT")).toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("RESULT\tfanout-N100-target-ngircd\tparley\t21894.0\tmsg/s offered\tmet: Parley at 21894 msg/s");
        assertThat(lines.get(1)).startsWith("RESULT\tfanout-N100-target-ngircd\tngircd\t14596.0\tmsg/s offered\t");
        assertThat(lines.get(2)).startsWith("RESULT\tfanout-N100-target-ngircd-delivered\tparley\t99.9500\t% delivered\t");
        assertThat(lines.get(3)).startsWith("RESULT\tfanout-N100-target-ngircd-p99\tparley\t20.0000\tms\t");
        assertThat(lines.get(4)).startsWith("RESULT\tfanout-N100-target-ngircd-p99\tngircd\t35.0700\tms\t");
    }
}
