package org.parley.client.e2ee.room;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.crypto.Bytes;

/**
 * What one more room envelope of an unknown chain costs the client when 200 already wait
 * ({@code rooms/<room>/pending}, docs/E2EE.md 20.7), each of 16 KB (the largest room envelope is
 * about 16.6 KB): before 2026-12-07 the file was read whole and written anew with the new line,
 * now the line is appended. Alternated in one JVM on one device directory; wall time and thread CPU
 * (kernel time included) per envelope. 5 rounds of 30, the first a warm-up. A measurement, not a test.
 *
 * <pre>TEST_MODULE=parley-client TEST_CLASSES="parley-client parley-e2ee parley-protocol" source bench/test-classpath.sh
 * java -cp "$TEST_CP" org.parley.client.e2ee.room.PendingWriteCostMain</pre>
 */
public final class PendingWriteCostMain {
    private static final int ENVELOPE_BYTES = 16_000;
    private static final int PER_ROUND = 30;

    private PendingWriteCostMain() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SecureRandom random = new SecureRandom();
        DeviceDirectory directory = DeviceDirectory.open(Files.createTempDirectory("parley-pending-cost").resolve("device"));
        PendingEnvelopes pending = new PendingEnvelopes(directory);
        List<RoomStore.Pending> full = new ArrayList<>();
        for (int id = 1; id <= PendingEnvelopes.MAX_PENDING; id++) {
            full.add(envelope(id, random));
        }
        long[] next = {1_000_000};
        System.out.println("per envelope: wall / thread CPU, read and rewrite (before) against append (now)");
        for (int round = 0; round < 5; round++) {
            pending.replace("before", "rooms/before/pending", full);
            pending.replace("now", "rooms/now/pending", full);
            double[] before = perEnvelope(threads, () -> {
                List<RoomStore.Pending> all = new ArrayList<>(pending.read("before", "rooms/before/pending"));
                all.add(envelope(next[0]++, random));
                pending.replace("before", "rooms/before/pending", all);
            });
            double[] now = perEnvelope(threads, () -> pending.add("now", "rooms/now/pending", envelope(next[0]++, random)));
            System.out.printf(Locale.ROOT, "%s %7.0f / %7.0f µs  against %6.0f / %6.0f µs%n", round == 0 ? "warm" : "    ",
                    before[0], before[1], now[0], now[1]);
        }
    }

    private static RoomStore.Pending envelope(long id, SecureRandom random) {
        byte[] body = new byte[ENVELOPE_BYTES];
        random.nextBytes(body);
        return new RoomStore.Pending(id, "mallory", Bytes.wrapOwned(body));
    }

    private static double[] perEnvelope(ThreadMXBean threads, Step step) throws Exception {
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
            step.run();
        }
        return new double[] {(System.nanoTime() - wall) / 1e3 / PER_ROUND, (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / PER_ROUND};
    }

    private interface Step {
        void run() throws Exception;
    }
}
