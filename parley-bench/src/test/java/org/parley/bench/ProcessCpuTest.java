package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
}
