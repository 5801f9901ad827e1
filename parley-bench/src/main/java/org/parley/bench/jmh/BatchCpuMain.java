package org.parley.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.parley.protocol.alert.ParleyException;

/**
 * Thread CPU time per delivery of {@link BatchFanoutBenchmark}'s two methods, alternated in one JVM
 * (8 rounds, the first 3 discarded as warm-up): CPU time, unlike JMH's wall-clock throughput, does
 * not count the time other jobs on a shared machine take the core away. A measurement, not a test.
 *
 * <pre>source bench/classpath.sh &amp;&amp; java -cp "$BENCH_CP" org.parley.bench.jmh.BatchCpuMain</pre>
 */
public final class BatchCpuMain {
    private static final int ROUNDS = 8;
    private static final int WARM_UP_ROUNDS = 3;
    private static final long DELIVERIES_PER_ROUND = 400_000;

    private BatchCpuMain() {
    }

    public static void main(String[] args) throws ParleyException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int perFlush : new int[] {1, 2, 8, 32}) {
            BatchFanoutBenchmark bench = new BatchFanoutBenchmark();
            bench.perFlush = perFlush;
            bench.setUp();
            StringBuilder single = new StringBuilder();
            StringBuilder batched = new StringBuilder();
            for (int round = 0; round < ROUNDS; round++) {
                double singleMicros = microsPerDelivery(threads, bench::oneRecordPerMessage, perFlush);
                double batchedMicros = microsPerDelivery(threads, bench::batchRecords, perFlush);
                if (round >= WARM_UP_ROUNDS) {
                    single.append(String.format(Locale.ROOT, " %.3f", singleMicros));
                    batched.append(String.format(Locale.ROOT, " %.3f", batchedMicros));
                }
            }
            System.out.printf(Locale.ROOT, "%2d per flush, one record per message, µs CPU per delivery:%s%n", perFlush, single);
            System.out.printf(Locale.ROOT, "%2d per flush, batch records,          µs CPU per delivery:%s%n", perFlush, batched);
        }
    }

    private static double microsPerDelivery(ThreadMXBean threads, IntSupplier operation, int perFlush) {
        long deliveriesPerOperation = 100L * perFlush;
        long operations = Math.max(50, DELIVERIES_PER_ROUND / deliveriesPerOperation);
        long written = 0;
        long start = threads.getCurrentThreadCpuTime();
        for (long i = 0; i < operations; i++) {
            written += operation.getAsInt();
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (written < 0) {
            throw new IllegalStateException("impossible byte count");
        }
        return cpu / 1e3 / (operations * deliveriesPerOperation);
    }
}
