package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/table.sh on a small results.tsv: the sentences it prints under the table for the fan-out target checks
 * ({@link FanoutTargetCheck} decides; the script only words what the RESULT lines say).
 */
@EnabledOnOs(OS.LINUX)
class TableScriptTest {
    private static final String LEAD = "Issue 13 fan-out target (≥ 1.5× ngIRCd's sustained deliveries/s at equal or better p99): ";
    private static final List<String> LADDERS = List.of(
            "RESULT\tfanout-N100\tparley\t3.25136e+06\tdeliveries/s\t32842 msg/s, p50 5.73 ms, p99 39.94 ms",
            "RESULT\tfanout-N100\tngircd\t1.44500e+06\tdeliveries/s\t14596 msg/s, p50 7.26 ms, p99 35.07 ms",
            "RESULT\tfanout-N100\tredis\t2.16770e+06\tdeliveries/s\t21895 msg/s, p50 2.01 ms, p99 40.19 ms");

    @TempDir
    Path dir;

    /** The RESULT lines of a check as {@link FanoutTargetCheck#report} writes them. */
    private static List<String> check(String label, String peer, double rate, double sustained, String verdict,
            double delivered, double p99, double peerP99) {
        String key = "fanout-N100-target-" + label;
        return List.of(
                "RESULT\t" + key + "\tparley\t" + rate + "\tmsg/s offered\t" + verdict + ": Parley at " + rate + " msg/s ...",
                "RESULT\t" + key + "\t" + peer + "\t" + sustained + "\tmsg/s offered\tits sustained step at N = 100",
                "RESULT\t" + key + "-delivered\tparley\t" + delivered + "\t% delivered\tat " + rate + " msg/s",
                "RESULT\t" + key + "-p99\tparley\t" + p99 + "\tms\tat " + rate + " msg/s",
                "RESULT\t" + key + "-p99\t" + peer + "\t" + peerP99 + "\tms\tat its sustained step");
    }

    private String table(List<String> lines) throws IOException, InterruptedException {
        Path results = dir.resolve("results.tsv");
        Files.write(results, lines, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("bash", Path.of("..", "bench", "table.sh").toString(), results.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void aMetCheckAgainstNgircdIsOneSentenceWithTheRateTheShareAndBothP99s() throws Exception {
        List<String> lines = new java.util.ArrayList<>(LADDERS);
        lines.addAll(check("ngircd", "ngircd", 21894.0, 14596.0, "met", 99.95, 20.0, 35.07));

        String out = table(lines);

        assertThat(out).contains(LEAD + "Parley at 21894 msg/s = 1.5 × ngIRCd's sustained 14596: delivered 99.95 %,"
                + " p99 20.00 ms against ngIRCd's 35.07 ms: met\n");
        assertThat(out).as("the rate row offers 1.5x by design: no ratio")
                .contains("| fanout-N100-target-ngircd | msg/s offered | 21894 | 14596 | - | - | - | - | - |");
        assertThat(out).as("the p99s compare as every ms row does").contains("| fanout-N100-target-ngircd-p99 | ms | 20.00 | 35.07 |");
    }

    @Test
    void aMissedCheckAgainstTheBestPeerNamesThatPeer() throws Exception {
        List<String> lines = new java.util.ArrayList<>(LADDERS);
        lines.addAll(check("ngircd", "ngircd", 21894.0, 14596.0, "met", 100.0, 20.0, 35.07));
        lines.addAll(check("best-peer", "redis", 32843.0, 21895.0, "missed", 99.2, 61.5, 40.19));

        String out = table(lines);

        assertThat(out).contains("The same against the best peer: Parley at 32843 msg/s = 1.5 × Redis's sustained 21895:"
                + " delivered 99.20 %, p99 61.50 ms against Redis's 40.19 ms: missed\n");
    }

    @Test
    void aSkippedCheckIsALineWithItsReasonAndNoRow() throws Exception {
        List<String> lines = new java.util.ArrayList<>(LADDERS);
        lines.add("RESULT\tfanout-N100-target-ngircd\tparley\t0.00000\tskipped\tngIRCd sustained no step at N = 100");

        String out = table(lines);

        assertThat(out).contains(LEAD + "not checked, ngIRCd sustained no step at N = 100.\n");
        assertThat(out).doesNotContain("| fanout-N100-target-ngircd |");
    }

    @Test
    void aRunWithoutTargetChecksPrintsNoTargetSentence() throws Exception {
        assertThat(table(LADDERS)).doesNotContain("fan-out target").doesNotContain("The same against the best peer");
    }
}
