package org.parley.server.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;

/**
 * The store's own cost per room message (issue 13; a measurement, not a test): {@code SENDERS}
 * closed-loop senders, one room each, append 100-byte messages straight to a {@link GroupCommit}
 * on a fresh database in a temporary directory, as the durable benchmark's senders do through the
 * server. After {@code WARM} messages it reports, over the next {@code MEASURED}: the CPU time of
 * the store's threads ({@code parley-sqlite-*}) per message, messages per transaction, the bytes
 * this process wrote per message ({@code wchar} of {@code /proc/self/io}: log frames and checkpoint
 * copies), the writer's and the sync thread's shares of the CPU, and the rate (which depends on the disk's fsync time).
 *
 * <pre>
 * TEST_MODULE=parley-server TEST_CLASSES="parley-server parley-protocol" source bench/test-classpath.sh
 * java -cp "$TEST_CP" org.parley.server.store.StoreCpuMain SENDERS WARM MEASURED
 * </pre>
 */
public final class StoreCpuMain {
    private StoreCpuMain() {
    }

    public static void main(String[] args) throws Exception {
        int senders = Integer.parseInt(args[0]);
        int warm = Integer.parseInt(args[1]);
        int measured = Integer.parseInt(args[2]);
        Path dir = Files.createTempDirectory("parley-store-cpu");
        Bytes body = Bytes.wrapOwned(new byte[100]);
        try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("parley.db"))) {
            GroupCommit groupCommit = new GroupCommit(database, 10_000);
            run(groupCommit, senders, warm, body);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = storeCpuNanos(threads);
            long writer = threadCpuNanos(threads, "parley-sqlite-writer");
            long sync = threadCpuNanos(threads, "parley-sqlite-sync");
            long transactions = groupCommit.transactions();
            long written = bytesWritten();
            long start = System.nanoTime();
            long failed = run(groupCommit, senders, measured, body);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("senders %d: %.2f µs store CPU/msg, %.1f msg/tx, %.0f bytes written/msg, %.0f msg/s,"
                            + " %d failed%n", senders, (storeCpuNanos(threads) - cpu) / 1e3 / measured,
                    (double) measured / (groupCommit.transactions() - transactions),
                    (double) (bytesWritten() - written) / measured, measured / seconds, failed);
            System.out.printf("  of which writer %.2f µs/msg, sync thread %.2f µs/msg%n",
                    (threadCpuNanos(threads, "parley-sqlite-writer") - writer) / 1e3 / measured,
                    (threadCpuNanos(threads, "parley-sqlite-sync") - sync) / 1e3 / measured);
        }
    }

    /** Sends {@code total} messages from {@code senders} closed loops; returns how many failed. */
    private static long run(GroupCommit groupCommit, int senders, int total, Bytes body) throws InterruptedException {
        AtomicLong left = new AtomicLong(total);
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders);
        for (int s = 0; s < senders; s++) {
            send(groupCommit, "room-" + s, left, failed, done, body);
        }
        done.await();
        return failed.get();
    }

    private static void send(GroupCommit groupCommit, String room, AtomicLong left, AtomicLong failed,
                             CountDownLatch done, Bytes body) {
        if (left.getAndDecrement() <= 0) {
            done.countDown();
            return;
        }
        groupCommit.append(room, "sender", ContentType.TEXT, body, System.currentTimeMillis()).whenComplete((m, e) -> {
            if (e != null) {
                failed.incrementAndGet();
            }
            send(groupCommit, room, left, failed, done, body);
        });
    }

    private static long storeCpuNanos(ThreadMXBean threads) {
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("parley-sqlite")) {
                sum += threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return sum;
    }

    private static long threadCpuNanos(ThreadMXBean threads, String name) {
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(name)) {
                sum += threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return sum;
    }

    private static long bytesWritten() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring("wchar:".length()).trim());
            }
        }
        return 0;
    }
}
