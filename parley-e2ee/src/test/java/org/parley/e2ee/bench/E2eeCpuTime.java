package org.parley.e2ee.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The same operations as {@link E2eeBench}, measured as CPU time of the measuring thread per
 * operation, which a shared, overloaded machine distorts far less than wall-clock time. Prints one
 * line per operation and suite. Run by {@code bench/e2ee-bench.sh --cpu}.
 */
public final class E2eeCpuTime {
    private static final int WARMUP = 3000;
    private static final int MEASURED = 3000;

    private E2eeCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String suite : new String[] {"classic", "pq-start", "pq-ratchet"}) {
            E2eeBench bench = new E2eeBench();
            bench.suite = suite;
            bench.setUp();
            Operation[] operations = {bench::sessionStartInitiator, bench::sessionStartResponder,
                bench::encryptAndDecrypt1KiB};
            String[] names = {"sessionStartInitiator", "sessionStartResponder", "encryptAndDecrypt1KiB"};
            for (int i = 0; i < operations.length; i++) {
                for (int n = 0; n < WARMUP; n++) {
                    operations[i].run();
                }
                long start = threads.getCurrentThreadCpuTime();
                for (int n = 0; n < MEASURED; n++) {
                    operations[i].run();
                }
                double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / MEASURED;
                System.out.println(String.format(Locale.ROOT, "%-24s %-11s %9.1f us CPU/op", names[i], suite, micros));
            }
        }
    }

    @FunctionalInterface
    private interface Operation {
        Object run() throws Exception;
    }
}
