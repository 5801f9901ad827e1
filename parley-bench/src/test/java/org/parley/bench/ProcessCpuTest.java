package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JIT compiler threads' share of a process's CPU, as the handshake figures report it. */
class ProcessCpuTest {

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
        long sum = 0;
        for (int i = 0; i < 2_000_000; i++) {
            sum += Long.numberOfTrailingZeros(i * 31L + sum); // enough work for a compilation or two
        }

        long compiler = self.compilerNanosSince(compilersBefore);
        long process = self.cpuNanos() - processBefore;

        assertThat(sum).isNotNegative();
        assertThat(compiler).isNotNegative().isLessThanOrEqualTo(process);
    }

    @Test
    void leavingOutTheCompilerRaisesTheFigurePerServerCpuSecond() {
        Measurement m = new Measurement(1_000, 1.0, 1_000_000_000L, 200_000_000L, 0, 0, 0);

        assertThat(m.perServerCpuSecond()).isEqualTo(1_000.0);
        assertThat(m.perServerCpuSecondWithoutJit()).isEqualTo(1_250.0);
    }
}
