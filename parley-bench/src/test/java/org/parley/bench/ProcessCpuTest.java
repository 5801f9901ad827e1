package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ProcessCpuTest {

    @Test
    void thisProcessesCpuTimeGrowsWhileItComputesAndItsResidentMemoryIsPositive() {
        ProcessCpu self = ProcessCpu.self();
        long before = self.cpuNanos();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long spin = 0;
        // Compute until /proc shows at least two more ticks (20 ms), or give up after 5 s of wall time.
        while (self.cpuNanos() - before < 20_000_000L && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                spin += i ^ spin;
            }
        }
        assertThat(self.cpuNanos() - before).as("spin %d", spin).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(self.rssBytes()).isPositive();
    }

    @Test
    void findsThisJvmsJitCompilerThreads() {
        Map<Long, Long> compilers = ProcessCpu.self().compilerSnapshot();

        assertThat(compilers).isNotEmpty();
        assertThat(compilers.values()).allSatisfy(nanos -> assertThat(nanos).isNotNegative());
    }

    @Test
    void compilerTimeIsPartOfTheProcessTimeAndNeverNegative() {
        ProcessCpu self = ProcessCpu.self();
        long processBefore = self.cpuNanos();
        Map<Long, Long> compilersBefore = self.compilerSnapshot();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long sum = 0;
        // Enough work for some compilation and for /proc to show at least 50 ms, or give up after 5 s of wall time.
        while (self.cpuNanos() - processBefore < 50_000_000L && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                sum += Long.numberOfTrailingZeros(i * 31L + sum);
            }
        }

        long compiler = self.compilerNanosSince(compilersBefore);
        long process = self.cpuNanos() - processBefore;

        // Each thread's count and the process's are rounded to 10 ms ticks separately: allow one tick per compiler thread.
        long rounding = 10_000_000L * Math.max(1, compilersBefore.size());
        assertThat(sum).isNotNegative();
        assertThat(compiler).isNotNegative().isLessThanOrEqualTo(process + rounding);
    }

    @Test
    void leavingOutTheCompilerRaisesTheFigurePerServerCpuSecond() {
        Measurement m = new Measurement(1_000, 1.0, 1_000_000_000L, 200_000_000L, 0, 0, 0);

        assertThat(m.perServerCpuSecond()).isEqualTo(1_000.0);
        assertThat(m.perServerCpuSecondWithoutJit()).isEqualTo(1_250.0);
    }
}
