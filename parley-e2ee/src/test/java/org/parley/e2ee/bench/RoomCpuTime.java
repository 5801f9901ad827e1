package org.parley.e2ee.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The operations of {@link RoomBench}, measured as CPU time of the measuring thread per operation
 * (far less distorted by a shared, overloaded machine than wall clock). Run by
 * {@code bench/e2ee-bench.sh --rooms-cpu}.
 */
public final class RoomCpuTime {

    private RoomCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RoomBench bench = new RoomBench();
        bench.setUp();
        Operation[] operations = {bench::firstMessageAfterMembershipChange, bench::steadyStateSend,
            bench::steadyStateSendAndOneReceive};
        String[] names = {"firstMessageAfterMembershipChange", "steadyStateSend", "steadyStateSendAndOneReceive"};
        int[] counts = {300, 5000, 5000};
        for (int i = 0; i < operations.length; i++) {
            for (int n = 0; n < counts[i]; n++) {
                operations[i].run();
            }
            long start = threads.getCurrentThreadCpuTime();
            for (int n = 0; n < counts[i]; n++) {
                operations[i].run();
            }
            double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / counts[i];
            System.out.println(String.format(Locale.ROOT, "%-34s %d devices %10.1f us CPU/op", names[i],
                    RoomBench.DEVICES, micros));
        }
    }

    @FunctionalInterface
    private interface Operation {
        Object run() throws Exception;
    }
}
