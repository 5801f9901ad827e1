package org.parley.bench;

/**
 * What a closed-loop window measured: completed operations, the window, both processes' CPU (and,
 * of the server's, how much its JIT compiler threads took) and the latency of each operation (send
 * to answer).
 */
record Measurement(long operations, double seconds, long serverCpuNanos, long serverCompilerNanos,
        long generatorCpuNanos, long p50Micros, long p99Micros) {

    double perSecond() {
        return operations / seconds;
    }

    /** Operations per second of server CPU: the figure that does not depend on how busy the machine was. */
    double perServerCpuSecond() {
        return serverCpuNanos == 0 ? 0 : operations / (serverCpuNanos / 1e9);
    }

    /**
     * As {@link #perServerCpuSecond}, leaving out the server's JIT compiler threads: the steady-state
     * cost, once compilation has settled (it had not, for either server, after 30 s of warm-up).
     * Reported next to the main figure, never instead of it.
     */
    double perServerCpuSecondWithoutJit() {
        long cpu = serverCpuNanos - serverCompilerNanos;
        return cpu <= 0 ? 0 : operations / (cpu / 1e9);
    }

    double serverCores() {
        return serverCpuNanos / 1e9 / seconds;
    }

    double generatorCores() {
        return generatorCpuNanos / 1e9 / seconds;
    }

    String detail() {
        return String.format(java.util.Locale.ROOT,
                "p50 %.2f ms, p99 %.2f ms, server %.2f cores (JIT compiler %.2f; %.0f per server CPU-s without it),"
                        + " generator %.2f cores",
                p50Micros / 1000.0, p99Micros / 1000.0, serverCores(), serverCompilerNanos / 1e9 / seconds,
                perServerCpuSecondWithoutJit(), generatorCores());
    }
}
